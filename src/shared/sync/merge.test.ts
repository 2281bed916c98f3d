import { describe, expect, it } from 'vitest';
import type { ChangeEntry } from '../schema/sync.ts';
import { serializeHlc, type Hlc } from './hlc.ts';
import { applyChange, mergeStates, type ApplyOutcome, type Json, type RecordState } from './merge.ts';
import { localDelete, localInsert } from './ops.ts';

const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';
const C = 'cccccccccccccccc';
const CLIENT = '0190a000-0000-7000-8000-000000000001';
const NOTE = '0190a000-0000-7000-8000-000000000002';
const T = 1_764_480_000_000;

const at = (wall: number, deviceId = A, counter = 0): Hlc => serializeHlc({ wall: T + wall, counter, deviceId });

let entryNo = 0;
const entryId = () => `0190a000-0000-7000-9000-${String(++entryNo).padStart(12, '0')}`;

function set(
  data: Record<string, Json>,
  base: Record<string, Hlc>,
  hlc: Hlc,
  recordType: 'client' | 'note' = 'client',
  recordId = CLIENT,
): ChangeEntry {
  return { op: 'set', id: entryId(), recordType, recordId, data, base, hlc };
}

const h0 = at(0);
const client: RecordState = localInsert('client', CLIENT, { lastName: 'Virtanen', status: 'active' }, h0, entryId()).state;

/** The state after `outcome`, failing the test with the rejection code when there is none. */
function applied(outcome: ApplyOutcome) {
  if (outcome.status !== 'applied') throw new Error(`expected applied, got ${outcome.code}`);
  return outcome;
}

describe('applyChange', () => {
  describe('a concurrent edit of one field', () => {
    const lower = set({ lastName: 'Korhonen' }, { lastName: h0 }, at(10, B));
    const higher = set({ lastName: 'Haddad' }, { lastName: h0 }, at(20, C));
    const expectedConflict = {
      recordType: 'client',
      recordId: CLIENT,
      clientId: CLIENT,
      field: 'lastName',
      loserValue: 'Korhonen',
      loserHlc: lower.hlc,
      winnerHlc: higher.hlc,
    };

    // The server must reach the same result whatever order two offline devices happen to reconnect in.
    it.each([
      ['lower stamp first', [lower, higher]],
      ['higher stamp first', [higher, lower]],
    ])('keeps the higher stamp and makes the lower one the only conflict (%s)', (_, [first, second]) => {
      const one = applied(applyChange(client, first!));
      const two = applied(applyChange(one.state, second!));
      expect(one.conflicts).toEqual([]);
      expect(two.conflicts).toEqual([expectedConflict]);
      expect(two.state.data['lastName']).toBe('Haddad');
      expect(two.state.stamps['lastName']).toBe(higher.hlc);
      expect(two.state.data['status']).toBe('active');
    });
  });

  it('treats an edit made on top of the current stamp as sequential, not a conflict', () => {
    const first = applied(applyChange(client, set({ lastName: 'Korhonen' }, { lastName: h0 }, at(10, B))));
    const next = set({ lastName: 'Haddad' }, { lastName: at(10, B) }, at(20, C));
    const second = applied(applyChange(first.state, next));
    expect(second.conflicts).toEqual([]);
    expect(second.state.data['lastName']).toBe('Haddad');
    expect(second.state.stamps['lastName']).toBe(next.hlc);
  });

  it('sees no conflict when two devices wrote the same value, whichever arrives first', () => {
    const b = set({ status: 'closed' }, { status: h0 }, at(10, B));
    const c = set({ status: 'closed' }, { status: h0 }, at(20, C));
    for (const [first, second] of [[b, c], [c, b]] as const) {
      const end = applied(applyChange(applied(applyChange(client, first)).state, second));
      expect(end.conflicts).toEqual([]);
      expect(end.state.data['status']).toBe('closed');
      expect(end.state.stamps['status']).toBe(c.hlc);
    }
  });

  it('rejects an edit to a deleted record even when the edit has the later stamp', () => {
    const deleted = applied(applyChange(client, localDelete('client', CLIENT, at(5, B), entryId()).entry));
    const later = applyChange(deleted.state, set({ lastName: 'Korhonen' }, { lastName: h0 }, at(99, C)));
    expect(later).toEqual({ status: 'rejected', code: 'recordDeleted' });
  });

  it('never brings a deleted record back through mergeStates, in either argument order', () => {
    const tombstone = localDelete('client', CLIENT, at(5, B), entryId()).state;
    const newer = applied(applyChange(client, set({ lastName: 'Korhonen' }, { lastName: h0 }, at(99, C)))).state;
    for (const merged of [mergeStates(tombstone, newer), mergeStates(newer, tombstone)]) {
      expect(merged).toEqual({ type: 'client', id: CLIENT, data: {}, stamps: {}, deleted: tombstone.deleted });
    }
  });

  it('keeps the later of two tombstones so every replica agrees on one', () => {
    const first = applied(applyChange(client, localDelete('client', CLIENT, at(5, B), entryId()).entry));
    const second = applied(applyChange(first.state, localDelete('client', CLIENT, at(3, C), entryId()).entry));
    expect(second.state.deleted).toBe(at(5, B));
  });

  it('rejects a set on an append-only record', () => {
    const note = localInsert('note', NOTE, { clientId: CLIENT, text: 'Met at the library.' }, at(1), entryId()).state;
    const outcome = applyChange(note, set({ text: 'Met at the office.' }, { text: at(1) }, at(2), 'note', NOTE));
    expect(outcome).toEqual({ status: 'rejected', code: 'appendOnly' });
  });

  it('rejects a set on a record the server has never seen', () => {
    expect(applyChange(undefined, set({ lastName: 'Korhonen' }, {}, at(1)))).toEqual({ status: 'rejected', code: 'notFound' });
  });

  it('applies the same insert twice to the same state', () => {
    const insert = localInsert('note', NOTE, { clientId: CLIENT, text: 'Met at the library.' }, at(1), entryId()).entry;
    const once = applied(applyChange(undefined, insert));
    const twice = applied(applyChange(once.state, insert));
    expect(twice.state).toEqual(once.state);
    expect(twice.conflicts).toEqual([]);
  });
});

describe('an edit stamped older than what its device claims to have seen', () => {
  it('is kept as a conflict, not dropped, when a lost clock state lets it arrive with a lower stamp', () => {
    const newer = applied(applyChange(client, set({ lastName: 'Haddad' }, { lastName: h0 }, at(10, B)))).state;
    const anomalous = set({ lastName: 'Korhonen' }, { lastName: at(10, B) }, at(5, C));
    const outcome = applied(applyChange(newer, anomalous));
    expect(outcome.state.data['lastName']).toBe('Haddad');
    expect(outcome.conflicts.map((c) => [c.loserValue, c.loserHlc])).toEqual([['Korhonen', at(5, C)]]);
  });
});
