/**
 * When to sync: at start, when the network returns, every few minutes while the app is open, on "Sync now", and
 * when the service worker's Background Sync wakes the app. Only one tab syncs at a time (Web Locks).
 */
import type { SiltaDb } from '../db/database.ts';
import { countUnsynced } from '../db/changeLog.ts';
import { saveLastSync } from '../db/syncMeta.ts';
import { useSyncState } from '../state/syncState.ts';
import { withExclusiveLock } from '../platform/webLocks.ts';
import { onServiceWorkerSyncRequest, registerBackgroundSync } from '../platform/backgroundSync.ts';
import { SYNC_LOCK } from './messages.ts';
import { syncOnce } from './syncOnce.ts';
import { SyncError, type SyncTransport } from './transport.ts';

export const SYNC_INTERVAL_MS = 3 * 60 * 1000;

export interface SyncScheduler {
  syncNow(): Promise<void>;
  stop(): void;
}

export function startSyncScheduler(db: SiltaDb, transport: SyncTransport): SyncScheduler {
  const state = useSyncState;

  async function run(): Promise<void> {
    if (state.getState().running) return;
    await withExclusiveLock(SYNC_LOCK, async () => {
      state.setState({ running: true, progress: null, lastError: null });
      try {
        await syncOnce(db, transport, (progress) => state.setState({ progress }));
        await saveLastSync(db, Date.now());
      } catch (err) {
        state.setState({ lastError: err instanceof SyncError ? err.code : 'serverError' });
        if (await countUnsynced(db)) await registerBackgroundSync();
      } finally {
        state.setState({ running: false, progress: null });
      }
    });
  }

  const onOnline = () => void run();
  window.addEventListener('online', onOnline);
  const timer = setInterval(() => {
    if (navigator.onLine) void run();
  }, SYNC_INTERVAL_MS);
  const stopListening = onServiceWorkerSyncRequest(() => void run());
  void run();

  return {
    syncNow: run,
    stop() {
      window.removeEventListener('online', onOnline);
      clearInterval(timer);
      stopListening();
    },
  };
}
