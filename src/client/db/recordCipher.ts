/**
 * The data key as the data layer holds it: one per SiltaDb, given at unlock and taken away at lock (see
 * attachDataKey.ts), with the caches of decrypted rows that live exactly as long as it. Every value is sealed
 * with sealedJson.ts under `<table>/<id>` as associated data (the row's id, or a change's entry id), so a
 * ciphertext copied onto another row, or into another table, fails to open.
 */
import { decryptJson, encryptJson, type SealedJson } from '#client/security/sealedJson.ts';
import type { RecordState } from '#shared/sync/merge.ts';
import type { SiltaDb } from './database.ts';
import { PlainCache } from './plainCache.ts';

/** Thrown by every read or write of sealed data while the app is locked: the UI shows no data screen then. */
export class DataLockedError extends Error {
  constructor() {
    super('The local data is locked: unlock the app (attach the data key) before reading or writing records');
    this.name = 'DataLockedError';
  }
}

/**
 * The whole caseload is listed and searched, so every client stays decrypted; notes and conflicts are read one
 * client at a time, so only the most recently read are kept (about fifty clients' worth).
 */
const CACHE_LIMITS: Readonly<Record<string, number>> = { clients: Infinity, notes: 10_000, conflicts: 5_000 };

export interface RecordCipher {
  readonly dk: CryptoKey;
  readonly caches: Map<string, PlainCache<RecordState>>;
}

const ciphers = new WeakMap<SiltaDb, RecordCipher>();

/** The cipher to use for `db`; false when the same key is already attached (its caches stay warm). */
export function setCipher(db: SiltaDb, dk: CryptoKey): boolean {
  // What stays in memory for the session must not be exportable by script, only usable (as keyHolder.ts).
  if (dk.extractable) throw new TypeError('Only a non-extractable data key may be attached');
  if (ciphers.get(db)?.dk === dk) return false;
  ciphers.set(db, { dk, caches: new Map() });
  return true;
}

export function dropCipher(db: SiltaDb): void {
  ciphers.delete(db);
}

export function cipherOf(db: SiltaDb): RecordCipher {
  const cipher = ciphers.get(db);
  if (cipher === undefined) throw new DataLockedError();
  return cipher;
}

export function cacheOf(cipher: RecordCipher, table: string): PlainCache<RecordState> {
  let cache = cipher.caches.get(table);
  if (cache === undefined) {
    cache = new PlainCache(CACHE_LIMITS[table] ?? 0);
    cipher.caches.set(table, cache);
  }
  return cache;
}

export function seal(cipher: RecordCipher, table: string, key: string, value: unknown): Promise<SealedJson> {
  return encryptJson(cipher.dk, value, `${table}/${key}`);
}

/** Rejects (an OperationError) when the key is not the one the value was sealed with, or the row is not its place. */
export function unseal(cipher: RecordCipher, table: string, key: string, sealed: SealedJson): Promise<unknown> {
  return decryptJson(cipher.dk, sealed, `${table}/${key}`);
}

/** Narrows an unsealed value; a shape this code never writes means a bug or a format it does not know. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
