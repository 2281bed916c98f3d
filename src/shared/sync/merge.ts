/**
 * The merge rules, in one place, as pure functions. The server applies pushed change entries with `applyChange`;
 * devices fold pulled record states into their own with `mergeStates`. Both agree: per field, the higher hybrid
 * logical clock stamp wins (the stamp's device part breaks ties); a tombstone beats every edit, so a deleted record
 * never comes back; append-only records are never changed after they are written.
 */
import { isAppendOnly, owningClientId, type RecordType } from '../schema/recordType.ts';
import type { ChangeEntry } from '../schema/sync.ts';
import type { RequestErrorCode } from '../errors.ts';
import { HLC_ZERO, maxHlc, type Hlc } from './hlc.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface RecordState {
  readonly type: RecordType;
  readonly id: string;
  readonly data: Readonly<Record<string, Json>>;
  readonly stamps: Readonly<Record<string, Hlc>>;
  readonly deleted: Hlc | null;
}

/** A concurrent edit that lost: kept so a person can see it and choose. */
export interface ConflictDraft {
  readonly recordType: RecordType;
  readonly recordId: string;
  readonly clientId: string;
  readonly field: string;
  readonly loserValue: Json;
  readonly loserHlc: Hlc;
  readonly winnerHlc: Hlc;
}

export type ApplyOutcome =
  | { readonly status: 'applied'; readonly state: RecordState; readonly conflicts: readonly ConflictDraft[] }
  | { readonly status: 'rejected'; readonly code: RequestErrorCode };

/** Structural equality of JSON values, independent of key order. */
export function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined || typeof a !== 'object' || typeof b !== 'object') {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  const ao = a as Record<string, Json>;
  const bo = b as Record<string, Json>;
  const keys = Object.keys(ao);
  return keys.length === Object.keys(bo).length && keys.every((k) => k in bo && sameJson(ao[k], bo[k]));
}

function tombstone(type: RecordType, id: string, deleted: Hlc): RecordState {
  return { type, id, data: {}, stamps: {}, deleted };
}

/** Join of two states of one record: commutative, associative and idempotent, so replicas converge. */
export function mergeStates(a: RecordState, b: RecordState): RecordState {
  if (a.deleted !== null || b.deleted !== null) {
    return tombstone(a.type, a.id, maxHlc(a.deleted ?? HLC_ZERO, b.deleted ?? HLC_ZERO));
  }
  const data: Record<string, Json> = { ...a.data };
  const stamps: Record<string, Hlc> = { ...a.stamps };
  for (const [field, stamp] of Object.entries(b.stamps)) {
    const mine = stamps[field];
    const theirs = b.data[field] as Json;
    // Equal stamps mean the same write; compare values too so the result never depends on argument order.
    if (mine === undefined || stamp > mine || (stamp === mine && JSON.stringify(theirs) > JSON.stringify(data[field]))) {
      data[field] = theirs;
      stamps[field] = stamp;
    }
  }
  return { type: a.type, id: a.id, data, stamps, deleted: null };
}

/** The state a brand-new record has after its insert entry. */
export function stateOfInsert(entry: Extract<ChangeEntry, { op: 'insert' }>): RecordState {
  const stamps: Record<string, Hlc> = {};
  for (const field of Object.keys(entry.data)) stamps[field] = entry.hlc;
  return { type: entry.recordType, id: entry.recordId, data: entry.data, stamps, deleted: null };
}

/**
 * Applies one change entry to the current state of its record (undefined if the record is new). A field edit is
 * concurrent when the record holds a stamp newer than the one the editing device saw (`base`): then the lower
 * stamp loses and is returned as a conflict, whichever of the two arrived first.
 */
export function applyChange(current: RecordState | undefined, entry: ChangeEntry): ApplyOutcome {
  if (entry.op === 'delete') {
    const deleted = current?.deleted ? maxHlc(current.deleted, entry.hlc) : entry.hlc;
    return { status: 'applied', state: tombstone(entry.recordType, entry.recordId, deleted), conflicts: [] };
  }
  if (current?.deleted) return { status: 'rejected', code: 'recordDeleted' };
  if (entry.op === 'insert') {
    const inserted = stateOfInsert(entry);
    return { status: 'applied', state: current ? mergeStates(current, inserted) : inserted, conflicts: [] };
  }
  if (isAppendOnly(entry.recordType)) return { status: 'rejected', code: 'appendOnly' };
  if (!current) return { status: 'rejected', code: 'notFound' };

  const data: Record<string, Json> = { ...current.data };
  const stamps: Record<string, Hlc> = { ...current.stamps };
  const conflicts: ConflictDraft[] = [];
  const clientId = owningClientId(current.type, current.id, current.data) ?? current.id;
  for (const [field, value] of Object.entries(entry.data) as [string, Json][]) {
    const seen = entry.base[field] ?? HLC_ZERO;
    const stamp = current.stamps[field] ?? HLC_ZERO;
    const concurrent = stamp > seen && field in current.data && !sameJson(current.data[field], value);
    const lose = (loserValue: Json, loserHlc: Hlc, winnerHlc: Hlc) =>
      conflicts.push({ recordType: current.type, recordId: current.id, clientId, field, loserValue, loserHlc, winnerHlc });
    if (entry.hlc > stamp) {
      if (concurrent) lose(current.data[field] as Json, stamp, entry.hlc);
      data[field] = value;
      stamps[field] = entry.hlc;
    } else if (entry.hlc < stamp && field in current.data && !sameJson(current.data[field], value)) {
      // An older write arriving late loses. Normally it is concurrent; if the device claims to have seen the newer
      // stamp, its clock state was lost, and the edit is still kept as a conflict rather than dropped unseen.
      lose(value, entry.hlc, stamp);
    }
  }
  return { status: 'applied', state: { ...current, data, stamps }, conflicts };
}
