import { describe, expect, it } from 'vitest';
import { clientFields, clientRecord } from './client.ts';
import { noteFields } from './note.ts';
import { PROTOCOL_VERSION, changeEntry, pushRequest } from './sync.ts';
import { makeClient, makeNote } from '../../../tests/fixtures/builders.ts';

const TODAY = '2026-11-30';
const firstError = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => [i.path.join('.'), i.message])[0];

describe('client schema', () => {
  it('accepts a complete client', () => {
    expect(clientRecord(TODAY).safeParse(makeClient()).success).toBe(true);
  });

  it('names each broken field with an error code that is a translation key', () => {
    expect(firstError(clientRecord(TODAY).safeParse(makeClient({ lastName: '  ' })))).toEqual(['lastName', 'required']);
    expect(firstError(clientRecord(TODAY).safeParse(makeClient({ dateOfBirth: '2025-02-30' })))).toEqual(['dateOfBirth', 'invalidDate']);
    expect(firstError(clientRecord(TODAY).safeParse(makeClient({ email: 'not-an-address' })))).toEqual(['email', 'invalidEmail']);
    expect(firstError(clientRecord(TODAY).safeParse(makeClient({ phone: 'call me' })))).toEqual(['phone', 'invalidPhone']);
    expect(firstError(clientRecord(TODAY).safeParse(makeClient({ homeMunicipality: 'helsinki' as never })))).toEqual(['homeMunicipality', 'invalidChoice']);
  });

  it('applies the rules that tie fields together', () => {
    expect(firstError(clientRecord(TODAY).safeParse(makeClient({ interpreterNeeded: true, interpreterLanguage: '' })))).toEqual([
      'interpreterLanguage',
      'interpreterLanguageRequired',
    ]);
    expect(firstError(clientRecord(TODAY).safeParse(makeClient({ dateOfBirth: '2027-01-01' })))).toEqual(['dateOfBirth', 'dateInFuture']);
    expect(firstError(clientRecord(TODAY).safeParse(makeClient({ firstPermitDate: '1980-01-01' })))).toEqual(['firstPermitDate', 'dateBeforeBirth']);
  });

  it('validates every field on its own, as sync merges fields one by one', () => {
    expect(clientFields.shape.status.safeParse('ended').success).toBe(true);
    expect(clientFields.shape.status.safeParse('archived').success).toBe(false);
  });
});

describe('guidance note schema', () => {
  const note = (overrides = {}) => ({ ...makeNote(overrides), clientId: '0190a0b0-0000-7000-8000-000000000001', rootId: '0190a0b0-0000-7000-8000-000000000002', supersedesId: null });

  it('accepts a complete note', () => {
    expect(noteFields.safeParse(note()).success).toBe(true);
  });

  it('requires a topic, a place description for "other", and a follow-up on or after the meeting', () => {
    expect(firstError(noteFields.safeParse(note({ topics: [] })))).toEqual(['topics', 'topicsRequired']);
    expect(firstError(noteFields.safeParse(note({ place: 'other', placeOther: '' })))).toEqual(['placeOther', 'placeOtherRequired']);
    expect(firstError(noteFields.safeParse(note({ followUpDate: '2026-11-01' })))).toEqual(['followUpDate', 'followUpBeforeMeeting']);
    expect(firstError(noteFields.safeParse(note({ durationMinutes: 0 })))).toEqual(['durationMinutes', 'durationRange']);
  });

  it('rejects duplicate and unknown topics', () => {
    expect(noteFields.safeParse(note({ topics: ['housing', 'housing'] })).success).toBe(false);
    expect(noteFields.safeParse(note({ topics: ['astrology'] })).success).toBe(false);
  });
});

describe('sync wire format', () => {
  const entry = {
    op: 'set',
    id: '0190a0b0-0000-7000-8000-000000000003',
    recordType: 'client',
    recordId: '0190a0b0-0000-7000-8000-000000000001',
    data: { lastName: 'Öhman' },
    base: {},
    hlc: '001764480000000-00000-aaaaaaaaaaaaaaaa',
  };

  it('accepts a well-formed change entry', () => {
    expect(changeEntry.safeParse(entry).success).toBe(true);
  });

  it('rejects malformed stamps, unknown record types, odd field names and oversized batches', () => {
    expect(changeEntry.safeParse({ ...entry, hlc: 'yesterday' }).success).toBe(false);
    expect(changeEntry.safeParse({ ...entry, recordType: 'password' }).success).toBe(false);
    expect(changeEntry.safeParse({ ...entry, data: { 'a.b': 1 } }).success).toBe(false);
    const batch = { v: PROTOCOL_VERSION, deviceId: 'aaaaaaaaaaaaaaaa', entries: Array.from({ length: 101 }, () => entry) };
    expect(pushRequest.safeParse(batch).success).toBe(false);
  });
});
