/**
 * Runs `task` only if no other tab of this app is running it (Web Locks). Returns false when another tab holds
 * the lock. Browsers without Web Locks run the task; the server's idempotency by entry id still prevents a double
 * effect there.
 */
export async function withExclusiveLock(name: string, task: () => Promise<void>): Promise<boolean> {
  if (!('locks' in navigator)) {
    await task();
    return true;
  }
  return navigator.locks.request(name, { ifAvailable: true }, async (lock) => {
    if (lock === null) return false;
    await task();
    return true;
  });
}
