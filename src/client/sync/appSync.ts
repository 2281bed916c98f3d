/** The app's one sync scheduler, talking to the server that served the app. */
import { appDb } from '../db/index.ts';
import { startSyncScheduler, type SyncScheduler } from './scheduler.ts';
import { httpTransport } from './transport.ts';

let scheduler: SyncScheduler | null = null;

export function startAppSync(): void {
  scheduler ??= startSyncScheduler(appDb(), httpTransport());
}

export function syncNow(): Promise<void> {
  return scheduler?.syncNow() ?? Promise.resolve();
}
