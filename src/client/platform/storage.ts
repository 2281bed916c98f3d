/**
 * Whether the browser may evict this app's data under storage pressure, and how full storage is. Unsynced changes
 * are at risk when eviction is allowed or space is running out, and the user is told.
 */
export type Persistence = 'persisted' | 'denied' | 'unsupported';

export async function requestPersistence(): Promise<Persistence> {
  if (!navigator.storage?.persist) return 'unsupported';
  if (await navigator.storage.persisted()) return 'persisted';
  return (await navigator.storage.persist()) ? 'persisted' : 'denied';
}

/** Share of the quota in use, 0..1, or null when the browser does not say. */
export async function storageUsage(): Promise<number | null> {
  if (!navigator.storage?.estimate) return null;
  const { usage, quota } = await navigator.storage.estimate();
  return usage !== undefined && quota ? usage / quota : null;
}
