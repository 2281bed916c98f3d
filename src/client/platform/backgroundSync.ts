/** Background Sync, where the browser has it: asks the service worker to wake the app when the network returns. */
import { BACKGROUND_SYNC_TAG, SYNC_REQUEST_MESSAGE } from '../sync/messages.ts';

interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

export async function registerBackgroundSync(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.ready;
  const sync = (registration as ServiceWorkerRegistration & { sync?: SyncManagerLike }).sync;
  await sync?.register(BACKGROUND_SYNC_TAG).catch(() => {
    // Refused (no permission, private mode): the online event and the timer still trigger syncs.
  });
}

export function onServiceWorkerSyncRequest(handler: () => void): () => void {
  if (!('serviceWorker' in navigator)) return () => {};
  const listener = (event: MessageEvent) => {
    if ((event.data as { type?: string } | null)?.type === SYNC_REQUEST_MESSAGE) handler();
  };
  navigator.serviceWorker.addEventListener('message', listener);
  return () => navigator.serviceWorker.removeEventListener('message', listener);
}
