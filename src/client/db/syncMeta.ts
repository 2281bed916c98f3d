/**
 * What the device remembers about its syncs: when it last completed one (kept so it survives reloads and shows
 * offline), and the access version and time of its last access check.
 */
import type { SiltaDb } from './database.ts';

const LAST_SYNC_KEY = 'lastSyncAt';

export async function saveLastSync(db: SiltaDb, at: number): Promise<void> {
  await db.meta.put({ key: LAST_SYNC_KEY, value: at });
}

export async function readLastSync(db: SiltaDb): Promise<number | null> {
  const row = await db.meta.get(LAST_SYNC_KEY);
  return typeof row?.value === 'number' ? row.value : null;
}

const ACCESS_CHECK_KEY = 'accessCheck';

export interface AccessCheckMark {
  readonly accessVersion: string;
  readonly at: number;
}

export async function saveAccessCheck(db: SiltaDb, mark: AccessCheckMark): Promise<void> {
  await db.meta.put({ key: ACCESS_CHECK_KEY, value: mark });
}

export async function readAccessCheck(db: SiltaDb): Promise<AccessCheckMark | null> {
  const value = (await db.meta.get(ACCESS_CHECK_KEY))?.value;
  if (typeof value !== 'object' || value === null) return null;
  const { accessVersion, at } = value as Record<string, unknown>;
  return typeof accessVersion === 'string' && typeof at === 'number' ? { accessVersion, at } : null;
}
