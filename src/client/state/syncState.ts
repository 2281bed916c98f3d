/** What the UI shows about syncing right now. The synced data itself lives only in IndexedDB. */
import { create } from 'zustand';
import type { RequestErrorCode } from '#shared/errors.ts';
import type { DeviceStorageFailure } from '../platform/deviceStorageFailure.ts';
import type { SyncProgress } from '../sync/syncOnce.ts';

export interface SyncState {
  readonly running: boolean;
  readonly progress: SyncProgress | null;
  /** Why the last sync failed: the server's answer, the network, or the device's own storage. */
  readonly lastError: RequestErrorCode | DeviceStorageFailure | null;
  /** Clients removed from the device since the person last dismissed the notice, as access was taken away. */
  readonly removedClients: number;
}

export const useSyncState = create<SyncState>(() => ({ running: false, progress: null, lastError: null, removedClients: 0 }));
