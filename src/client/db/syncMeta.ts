/** When this device last completed a sync, kept on the device so it survives reloads and shows offline. */
import type { SiltaDb } from './database.ts';

const LAST_SYNC_KEY = 'lastSyncAt';

export async function saveLastSync(db: SiltaDb, at: number): Promise<void> {
  await db.meta.put({ key: LAST_SYNC_KEY, value: at });
}

export async function readLastSync(db: SiltaDb): Promise<number | null> {
  const row = await db.meta.get(LAST_SYNC_KEY);
  return typeof row?.value === 'number' ? row.value : null;
}
