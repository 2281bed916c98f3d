/** Names shared by the page and the service worker. */
export const BACKGROUND_SYNC_TAG = 'silta-sync';
export const SYNC_REQUEST_MESSAGE = 'silta-sync-request';
export const SYNC_LOCK = 'silta-sync';
