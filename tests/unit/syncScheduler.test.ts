/**
 * When the app syncs (src/client/sync/scheduler.ts): a sync asked for while one runs (the network back, "Sync now")
 * is not dropped but runs once the running one is done; a server that says it is busy is tried again soon, by
 * itself. The sync itself is replaced here by one the test finishes by hand; what it does is tested against the
 * real server in tests/integration/clientSync.test.ts and in Chromium.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Dexie } from 'dexie';
import { SiltaDb } from '#client/db/database.ts';
import type { SyncTransport } from '#client/sync/transport.ts';
import { useSyncState } from '#client/state/syncState.ts';
import { ApiError } from '#client/platform/apiRequest.ts';

const runs: { finish: () => void; fail: (error: Error) => void }[] = [];
vi.mock('#client/sync/syncOnce.ts', () => ({
  syncOnce: () => new Promise((resolve, reject) => runs.push({ finish: () => resolve({ removed: 0 }), fail: reject })),
}));
const { startSyncScheduler } = await import('#client/sync/scheduler.ts');

const HOOKS = { onDeviceRevoked: () => Promise.resolve() };
const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the sync scheduler', () => {
  let db: SiltaDb;
  beforeEach(() => {
    runs.length = 0;
    vi.stubGlobal('window', new EventTarget());
    vi.stubGlobal('navigator', { onLine: true });
    db = new SiltaDb(`scheduler-${Math.random()}`);
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    useSyncState.setState({ running: false, progress: null, lastError: null });
    await db.delete();
  });

  it('syncs again once the running sync is done when asked meanwhile, once however often it was asked', async () => {
    const scheduler = startSyncScheduler(db, {} as SyncTransport, HOOKS);
    await until(() => runs.length === 1);
    window.dispatchEvent(new Event('online'));
    await scheduler.syncNow();
    expect(runs).toHaveLength(1);

    runs[0]?.finish();
    await until(() => runs.length === 2);
    runs[1]?.finish();
    await until(() => !useSyncState.getState().running);
    expect(runs).toHaveLength(2);
    scheduler.stop();
  });

  it('tries again by itself soon after the server said it was busy, and not after any other failure', async () => {
    const scheduler = startSyncScheduler(db, {} as SyncTransport, HOOKS, 20);
    await until(() => runs.length === 1);
    runs[0]?.fail(new ApiError('serverBusy'));
    await until(() => runs.length === 2);
    expect(useSyncState.getState().lastError).toBeNull();
    runs[1]?.fail(new ApiError('serverError'));
    await until(() => useSyncState.getState().lastError === 'serverError');
    await pause(100);
    expect(runs).toHaveLength(2);
    scheduler.stop();
  });

  it('does not try again after a busy server once it is stopped', async () => {
    const scheduler = startSyncScheduler(db, {} as SyncTransport, HOOKS, 1000);
    await until(() => runs.length === 1);
    runs[0]?.fail(new ApiError('serverBusy'));
    await until(() => useSyncState.getState().lastError === 'serverBusy');
    scheduler.stop();
    await pause(1600);
    expect(runs).toHaveLength(1);
  });

  it('does not sync again after it is stopped', async () => {
    const scheduler = startSyncScheduler(db, {} as SyncTransport, HOOKS);
    await until(() => runs.length === 1);
    window.dispatchEvent(new Event('online'));
    scheduler.stop();
    runs[0]?.finish();
    await until(() => !useSyncState.getState().running);
    await scheduler.syncNow();
    expect(runs).toHaveLength(1);
  });

  it('looks for a new version of the app at once when the server says this one is too old', async () => {
    const update = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { onLine: true, serviceWorker: { getRegistration: () => Promise.resolve({ update }), addEventListener: () => {}, removeEventListener: () => {} } });
    const scheduler = startSyncScheduler(db, {} as SyncTransport, HOOKS);
    await until(() => runs.length === 1);
    runs[0]?.fail(new ApiError('updateRequired'));
    await until(() => !useSyncState.getState().running);
    expect(useSyncState.getState().lastError).toBe('updateRequired');
    expect(update).toHaveBeenCalledOnce();

    // Any other failure leaves the version alone.
    const second = scheduler.syncNow();
    await until(() => runs.length === 2);
    runs[1]?.fail(new ApiError('serverError'));
    await second;
    expect(update).toHaveBeenCalledOnce();
    scheduler.stop();
  });

  it("says that the device's storage failed, not the server, when a sync cannot write what it received", async () => {
    const scheduler = startSyncScheduler(db, {} as SyncTransport, HOOKS);
    await until(() => runs.length === 1);
    runs[0]?.fail(new Dexie.AbortError('Transaction aborted', new DOMException('', 'QuotaExceededError')));
    await until(() => !useSyncState.getState().running);
    expect(useSyncState.getState().lastError).toBe('deviceStorageFull');
    scheduler.stop();
  });
});
