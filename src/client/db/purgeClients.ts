/**
 * Purges what this device holds of clients the server has erased (a data subject's erasure) or deleted, or that
 * its account may no longer read: their notes and conflicts, the unsent changes and refused changes that carry what
 * was written about them, the unsaved form drafts for them, and the decrypted copies in memory. An erased or deleted
 * client's own tombstone stays (it holds no content); a client out of reach goes whole. Either way it happens in one
 * transaction, so the device never shows a half-purged client.
 */
import { Dexie } from 'dexie';
import type { ChangeEntry } from '#shared/schema/sync.ts';
import type { SiltaDb } from './database.ts';
import { openChange } from './changeLog.ts';
import { cacheOf, cipherOf } from './recordCipher.ts';
import { openRejection } from './rejectionsRepo.ts';

/** The tables a purge writes: part of the scope of the transaction that calls it. */
export function purgeTables(db: SiltaDb) {
  return [db.notes, db.conflicts, db.changes, db.drafts, db.rejections];
}

/** The entry is about one of the records, or names one of the clients in its data. */
function concerns(entry: ChangeEntry, recordIds: ReadonlySet<string>, clientIds: ReadonlySet<string>): boolean {
  if (recordIds.has(entry.recordId)) return true;
  const clientId = entry.op === 'delete' ? undefined : entry.data['clientId'];
  return typeof clientId === 'string' && clientIds.has(clientId);
}

/** Call inside a 'rw' transaction over `purgeTables(db)`. */
export async function purgeClients(db: SiltaDb, clientIds: ReadonlySet<string>): Promise<void> {
  if (clientIds.size === 0) return;
  const ids = [...clientIds];
  const noteIds = await db.notes.where('clientId').anyOf(ids).primaryKeys();
  const conflictIds = await db.conflicts.where('clientId').anyOf(ids).primaryKeys();
  const recordIds = new Set([...ids, ...noteIds, ...conflictIds]);

  await db.notes.bulkDelete(noteIds);
  await db.conflicts.bulkDelete(conflictIds);

  const cipher = cipherOf(db);
  const changeRows = await db.changes.toArray();
  const changes = await Dexie.waitFor(Promise.all(changeRows.map((row) => openChange(cipher, row))));
  await db.changes.where('id').anyOf(changes.filter((e) => concerns(e, recordIds, clientIds)).map((e) => e.id)).delete();

  const rejectionRows = await db.rejections.toArray();
  const rejections = await Dexie.waitFor(Promise.all(rejectionRows.map((row) => openRejection(cipher, row))));
  await db.rejections.bulkDelete(rejections.filter((r) => concerns(r.entry, recordIds, clientIds)).map((r) => r.id));

  // A draft's key ends with the id of the record it edits or adds to (`client-edit:<id>`, `note-new:<clientId>`).
  const draftKeys = await db.drafts.toCollection().primaryKeys();
  await db.drafts.bulkDelete(draftKeys.filter((key) => recordIds.has(key.slice(key.lastIndexOf(':') + 1))));

  // Their decrypted rows may still be in memory.
  for (const table of ['clients', 'notes', 'conflicts']) for (const id of recordIds) cacheOf(cipher, table).forget(id);
}

/** The ids of every client row on the device, tombstones included: the index alone, nothing decrypted. */
export function heldClientIds(db: SiltaDb): Promise<string[]> {
  return db.clients.toCollection().primaryKeys();
}

/** Removes clients this device's account may no longer read, with everything purgeClients removes. */
export async function removeClients(db: SiltaDb, clientIds: ReadonlySet<string>): Promise<void> {
  if (clientIds.size === 0) return;
  await db.transaction('rw', [db.clients, ...purgeTables(db)], async () => {
    await purgeClients(db, clientIds);
    await db.clients.bulkDelete([...clientIds]);
  });
}
