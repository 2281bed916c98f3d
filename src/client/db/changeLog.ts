/** The queue of local changes the server has not yet acknowledged, oldest first. */
import type { ChangeEntry } from '#shared/schema/sync.ts';
import type { SiltaDb } from './database.ts';

export function countUnsynced(db: SiltaDb): Promise<number> {
  return db.changes.count();
}

export async function oldestUnsynced(db: SiltaDb, limit: number): Promise<ChangeEntry[]> {
  const rows = await db.changes.orderBy('seq').limit(limit).toArray();
  return rows.map((r) => r.entry);
}

/** Removes entries the server has answered for (applied, duplicate or rejected): they are its business now. */
export async function acknowledge(db: SiltaDb, entryIds: readonly string[]): Promise<void> {
  await db.changes.where('id').anyOf(entryIds).delete();
}
