/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell, locales and fonts (the list is injected at build time), answers
 * navigations with the cached shell so the app opens offline, and never touches /api/ (personal data is only
 * ever fetched from the server). A waiting update activates only when the user chooses to reload.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { BACKGROUND_SYNC_TAG, SYNC_REQUEST_MESSAGE } from '../sync/messages.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));
clientsClaim();

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

/**
 * Background Sync: when the network returns, wake the open app to sync. The queue itself is synced by the page,
 * which holds the session (and, later, the key the local data is encrypted with); with no open page, the next
 * start syncs instead.
 */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}
self.addEventListener('sync' as keyof ServiceWorkerGlobalScopeEventMap, (event) => {
  const syncEvent = event as unknown as SyncEvent;
  if (syncEvent.tag !== BACKGROUND_SYNC_TAG) return;
  syncEvent.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((clients) => {
      for (const client of clients) client.postMessage({ type: SYNC_REQUEST_MESSAGE });
    }),
  );
});
