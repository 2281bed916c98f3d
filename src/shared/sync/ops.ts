/**
 * Local writes as pure functions: each returns the record's new local state and the change-log entry that carries
 * the same write to the server. The device's data layer stores both in one transaction.
 */
import type { RecordType } from '../schema/records.ts';
import type { ChangeEntry } from '../schema/sync.ts';
import type { Hlc } from './hlc.ts';
import { sameJson, type Json, type RecordState } from './merge.ts';

export interface LocalWrite {
  readonly state: RecordState;
  readonly entry: ChangeEntry;
}

export function localInsert(type: RecordType, recordId: string, data: Record<string, Json>, hlc: Hlc, entryId: string): LocalWrite {
  const stamps: Record<string, Hlc> = {};
  for (const field of Object.keys(data)) stamps[field] = hlc;
  return {
    state: { type, id: recordId, data, stamps, deleted: null },
    entry: { op: 'insert', id: entryId, recordType: type, recordId, data, hlc },
  };
}

/**
 * Changes the fields of `patch` whose value differs; null when nothing changed, so saving an untouched form writes
 * nothing and syncs nothing. `base` records the stamps this device saw, which is how the server tells a concurrent
 * edit (a conflict) from a later one.
 */
export function localSet(current: RecordState, patch: Record<string, Json>, hlc: Hlc, entryId: string): LocalWrite | null {
  const changed = Object.entries(patch).filter(([field, value]) => !sameJson(current.data[field], value));
  if (changed.length === 0 || current.deleted !== null) return null;
  const data: Record<string, Json> = { ...current.data };
  const stamps: Record<string, Hlc> = { ...current.stamps };
  const base: Record<string, Hlc> = {};
  const values: Record<string, Json> = {};
  for (const [field, value] of changed) {
    const seen = current.stamps[field];
    if (seen !== undefined) base[field] = seen;
    values[field] = value;
    data[field] = value;
    stamps[field] = hlc;
  }
  return {
    state: { ...current, data, stamps },
    entry: { op: 'set', id: entryId, recordType: current.type, recordId: current.id, data: values, base, hlc },
  };
}

export function localDelete(type: RecordType, recordId: string, hlc: Hlc, entryId: string): LocalWrite {
  return {
    state: { type, id: recordId, data: {}, stamps: {}, deleted: hlc },
    entry: { op: 'delete', id: entryId, recordType: type, recordId, hlc },
  };
}
