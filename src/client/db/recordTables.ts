/**
 * Where each record type lives on the device, and how a record's state becomes a stored row and back. Every record
 * table goes through sealRecord and openRecord, so a new record type is sealed by default: adding its table here
 * is all it takes. (Public material that needs no protection will live outside the record tables.)
 */
import type { RecordType } from '#shared/schema/records.ts';
import type { Hlc } from '#shared/sync/hlc.ts';
import type { Json, RecordState } from '#shared/sync/merge.ts';
import { packStamps, unpackStamps, type PackedStamps } from '#shared/sync/packedStamps.ts';
import type { PlainRecordRow, RecordRow, SealedRecordRow, SiltaDb } from './database.ts';
import { sameBytes } from './plainCache.ts';
import { cacheOf, isObject, seal, unseal, type RecordCipher } from './recordCipher.ts';

/** A new record type adds a table, a line here and its table's name below. */
export function tableFor(db: SiltaDb, type: RecordType) {
  switch (type) {
    case 'client':
      return db.clients;
    case 'note':
      return db.notes;
    case 'conflict':
      return db.conflicts;
  }
}

const TABLE_NAMES: Readonly<Record<RecordType, string>> = { client: 'clients', note: 'notes', conflict: 'conflicts' };

export function tableNameOf(type: RecordType): string {
  return TABLE_NAMES[type];
}

/**
 * What is sealed of a record: everything but its id (the type is the table's), the stamps packed as a pull carries
 * them (packedStamps.ts: a note's ciphertext is a third smaller). Rows sealed before that have no `stamp` and list
 * every stamp, which unpacks to the same.
 */
interface SealedState extends PackedStamps {
  data: Readonly<Record<string, Json>>;
  deleted: Hlc | null;
}

function isSealedState(value: unknown): value is SealedState {
  return (
    isObject(value) &&
    isObject(value['data']) &&
    isObject(value['stamps']) &&
    (value['stamp'] === undefined || typeof value['stamp'] === 'string') &&
    (value['deleted'] === null || typeof value['deleted'] === 'string')
  );
}

/** The stored row of a state: sealed, with the plain index field its table needs. */
export async function sealRecord(cipher: RecordCipher, state: RecordState): Promise<SealedRecordRow> {
  const table = TABLE_NAMES[state.type];
  const content: SealedState = { data: state.data, ...packStamps(state.data, state.stamps), deleted: state.deleted };
  const sealed = await seal(cipher, table, state.id, content);
  const row: SealedRecordRow = { id: state.id, sealed };
  const clientId = state.data['clientId'];
  if (typeof clientId === 'string') row.clientId = clientId;
  // This device knows the plain text of what it just sealed; reading it back (the live query after a save or a
  // pulled page) costs nothing. Should the write not commit, the entry's IV is never stored and never hit.
  cacheOf(cipher, table).put(state.id, sealed.iv, state);
  return row;
}

function plainState(type: RecordType, row: PlainRecordRow): RecordState {
  return { type, id: row.id, data: row.data, stamps: row.stamps, deleted: row.deleted };
}

/** The state of a stored row: decrypted, or from the cache when the row has not changed since it was. */
export function openRecord(cipher: RecordCipher, type: RecordType, row: RecordRow): Promise<RecordState> {
  if (!('sealed' in row)) return Promise.resolve(plainState(type, row));
  const table = TABLE_NAMES[type];
  return cacheOf(cipher, table).get(row.id, row.sealed.iv, async () => {
    const content = await unseal(cipher, table, row.id, row.sealed);
    if (!isSealedState(content)) throw new TypeError(`A sealed ${type} record has an unknown shape`);
    return { type, id: row.id, data: content.data, stamps: unpackStamps(content.data, content), deleted: content.deleted };
  });
}

/**
 * The state of a stored row if it is at hand without waiting (a plain row, or one decrypted already), else
 * undefined. Inside a transaction this spares a Dexie.waitFor round trip for the record a person is editing.
 */
export function peekRecord(cipher: RecordCipher, type: RecordType, row: RecordRow): RecordState | undefined {
  if (!('sealed' in row)) return plainState(type, row);
  return cacheOf(cipher, TABLE_NAMES[type]).peek(row.id, row.sealed.iv);
}

/** A record as this tab last read (or wrote) it, with the IV of the row it came from. */
export interface ReadVersion {
  readonly iv: Uint8Array;
  readonly state: RecordState;
}

/**
 * The record `id` as last read here, without touching IndexedDB: a guess that a write checks against the row
 * inside its transaction (see commitWrite.ts). Undefined when it is not in the cache (or never existed).
 */
export function lastRead(cipher: RecordCipher, type: RecordType, id: string): ReadVersion | undefined {
  const hit = cacheOf(cipher, TABLE_NAMES[type]).latest(id);
  return hit && { iv: hit.iv, state: hit.value };
}

/**
 * Whether the stored `row` is still the version sealed with `iv`, which a write prepared ahead was built on;
 * `iv` undefined: whether there is still no row.
 */
export function isSealedWith(row: RecordRow | undefined, iv: Uint8Array | undefined): boolean {
  if (row === undefined || iv === undefined) return row === undefined && iv === undefined;
  return 'sealed' in row && sameBytes(row.sealed.iv, iv);
}

/** The IV a stored row was sealed with; undefined for a plain row (written before version 4) or none. */
export function ivOf(row: RecordRow | undefined): Uint8Array | undefined {
  return row !== undefined && 'sealed' in row ? row.sealed.iv : undefined;
}

export function openRecords(cipher: RecordCipher, type: RecordType, rows: readonly RecordRow[]): Promise<RecordState[]> {
  return Promise.all(rows.map((row) => openRecord(cipher, type, row)));
}
