/**
 * When to sync: at start, when the network returns, every few minutes while the app is open, on "Sync now", and
 * when the service worker's Background Sync wakes the app; and once more soon after the server said it was busy or
 * restarting. Only one tab syncs at a time (Web Locks).
 */
import type { SiltaDb } from '../db/database.ts';
import { countUnsynced } from '../db/changeLog.ts';
import { saveLastSync } from '../db/syncMeta.ts';
import { useSyncState } from '../state/syncState.ts';
import { withExclusiveLock } from '../platform/webLocks.ts';
import { checkForAppUpdate } from '../platform/appUpdate.ts';
import { onServiceWorkerSyncRequest, registerBackgroundSync } from '../platform/backgroundSync.ts';
import { SYNC_LOCK } from './messages.ts';
import { syncOnce } from './syncOnce.ts';
import { ApiError } from '../platform/apiRequest.ts';
import { deviceStorageFailureOf } from '../platform/deviceStorageFailure.ts';
import type { SyncTransport } from './transport.ts';

export const SYNC_INTERVAL_MS = 3 * 60 * 1000;
/**
 * After "busy or restarting" (serverBusy), the next try comes this long later, give or take half: soon enough that
 * a counsellor need not press "Sync now", and spread so that every device does not return to a restarting server
 * in the same second.
 */
export const BUSY_RETRY_MS = 30 * 1000;

export interface SyncScheduler {
  syncNow(): Promise<void>;
  stop(): void;
}

export interface SchedulerHooks {
  /** The server says an administrator removed this device: its data must go. */
  readonly onDeviceRevoked: () => Promise<void>;
}

export function startSyncScheduler(db: SiltaDb, transport: SyncTransport, hooks: SchedulerHooks, busyRetryMs = BUSY_RETRY_MS): SyncScheduler {
  const state = useSyncState;
  let busyRetry: ReturnType<typeof setTimeout> | undefined;

  /** A sync was asked for while one ran: it runs again once that one is done. */
  let askedMeanwhile = false;
  let stopped = false;

  async function run(): Promise<void> {
    if (stopped) return;
    if (state.getState().running) {
      // The running sync may have started before what this one is asked for (the network back after it failed
      // offline, a change saved just after its push): dropping the request would leave that for the timer.
      askedMeanwhile = true;
      return;
    }
    do {
      askedMeanwhile = false;
      await syncUnderLock();
    } while (askedMeanwhile && !stopped);
  }

  async function syncUnderLock(): Promise<void> {
    await withExclusiveLock(SYNC_LOCK, async () => {
      clearTimeout(busyRetry);
      state.setState({ running: true, progress: null, lastError: null });
      try {
        const { removed } = await syncOnce(db, transport, (progress) => state.setState({ progress }));
        if (removed > 0) state.setState((s) => ({ removedClients: s.removedClients + removed }));
        await saveLastSync(db, Date.now());
      } catch (err) {
        const code = err instanceof ApiError ? err.code : (deviceStorageFailureOf(err) ?? 'serverError');
        state.setState({ lastError: code });
        if (code === 'deviceRevoked') await hooks.onDeviceRevoked();
        // The server speaks a newer protocol: the changes stay queued until the app is updated, so offer it now.
        else if (code === 'updateRequired') await checkForAppUpdate();
        // Only a lost network is worth waking the app for: any other error would come back at once, and the
        // browser fires the sync event straight away while online, so retrying it would loop.
        else if (code === 'network' && (await countUnsynced(db)) > 0) await registerBackgroundSync();
        else if (code === 'serverBusy' && !stopped) busyRetry = setTimeout(() => void run(), busyRetryMs * (0.5 + Math.random()));
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
      stopped = true;
      window.removeEventListener('online', onOnline);
      clearInterval(timer);
      clearTimeout(busyRetry);
      stopListening();
    },
  };
}
