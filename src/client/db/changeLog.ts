/**
 * The queue of local changes the server has not yet acknowledged, oldest first. An entry carries the values a
 * person wrote, so it is sealed like the record it changes; counting and acknowledging need no key.
 */
import type { ChangeEntry } from '#shared/schema/sync.ts';
import type { ChangeRow, SiltaDb } from './database.ts';
import { cipherOf, isObject, seal, unseal, type RecordCipher } from './recordCipher.ts';

const TABLE = 'changes';

export async function sealChange(cipher: RecordCipher, entry: ChangeEntry): Promise<ChangeRow> {
  return { id: entry.id, sealed: await seal(cipher, TABLE, entry.id, entry) };
}

/**
 * An entry as this device wrote it. Only the shape is checked: the server validates every entry it is sent and
 * refuses (visibly, as a rejection) one it cannot take, which is better than a queue stuck on it here.
 */
export function isChangeEntry(value: unknown): value is ChangeEntry {
  return isObject(value) && typeof value['id'] === 'string' && typeof value['op'] === 'string';
}

export async function openChange(cipher: RecordCipher, row: ChangeRow): Promise<ChangeEntry> {
  if (!('sealed' in row)) return row.entry;
  const entry = await unseal(cipher, TABLE, row.id, row.sealed);
  if (!isChangeEntry(entry)) throw new TypeError('A sealed change-log entry has an unknown shape');
  return entry;
}

export function countUnsynced(db: SiltaDb): Promise<number> {
  return db.changes.count();
}

export async function oldestUnsynced(db: SiltaDb, limit: number): Promise<ChangeEntry[]> {
  const cipher = cipherOf(db);
  const rows = await db.changes.orderBy('seq').limit(limit).toArray();
  return Promise.all(rows.map((row) => openChange(cipher, row)));
}

/** Removes entries the server has answered for (applied, duplicate or rejected): they are its business now. */
export async function acknowledge(db: SiltaDb, entryIds: readonly string[]): Promise<void> {
  await db.changes.where('id').anyOf(entryIds).delete();
}
