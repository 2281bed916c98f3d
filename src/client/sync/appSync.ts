/** The app's one sync scheduler, talking to the server that served the app; it runs only while the app is open. */
import { appDb } from '../db/index.ts';
import { startSyncScheduler, type SyncScheduler } from './scheduler.ts';
import { httpTransport } from './transport.ts';

let scheduler: SyncScheduler | null = null;

export function startAppSync(onDeviceRevoked: () => Promise<void>): void {
  scheduler ??= startSyncScheduler(appDb(), httpTransport(), { onDeviceRevoked });
}

export function stopAppSync(): void {
  scheduler?.stop();
  scheduler = null;
}

export function syncNow(): Promise<void> {
  return scheduler?.syncNow() ?? Promise.resolve();
}
