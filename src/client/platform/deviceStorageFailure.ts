import { Dexie } from 'dexie';
import { errorChain, nameAndMessage } from '#shared/errorChain.ts';

/** The device's own storage failed: no space left for Silta, or the browser failing to read or write it. */
export type DeviceStorageFailure = 'deviceStorageFull' | 'deviceStorageFailed';

/**
 * Whether `error` came from the device's storage rather than from the server or the network: IndexedDB's and
 * WebCrypto's errors are DOMExceptions (Dexie wraps them in its own), while a failed request is an ApiError.
 */
export function deviceStorageFailureOf(error: unknown): DeviceStorageFailure | null {
  const chain = errorChain(error);
  if (chain.some((e) => nameAndMessage(e).name === 'QuotaExceededError')) return 'deviceStorageFull';
  return chain.some((e) => e instanceof DOMException || e instanceof Dexie.DexieError) ? 'deviceStorageFailed' : null;
}
