/**
 * What went wrong, in the terms the app explains to the person holding the device: why it could not start, why a
 * save did not reach the device's storage, and whether a screen failed because its code could not be loaded.
 *
 * The device's storage (IndexedDB) is opened before anything is shown, since it decides between signing in and
 * unlocking. The browser refuses it when the person or the device's administrator blocks site data (Chromium then
 * answers "UnknownError: The user denied permission", and reading `localStorage` throws a SecurityError, while
 * `navigator.cookieEnabled` still says true), when the disk is full (QuotaExceededError), or when its storage is
 * damaged (UnknownError again, with site data allowed). Dexie passes the browser's error on as `inner` of its own.
 */
import { deviceStorageFailureOf } from '../platform/deviceStorageFailure.ts';
import { errorChain, nameAndMessage } from '#shared/errorChain.ts';

export type StartupProblem = 'storageBlocked' | 'storageFull' | 'storageFailed' | 'codeNotLoaded';

/** The error and the errors it wraps, outermost first, by name and message. */
const namedChain = (error: unknown) => errorChain(error).map(nameAndMessage);

/** What kept the device's storage from opening. */
export function storageProblemOf(error: unknown, dataAllowed: boolean): StartupProblem {
  const names = new Set(namedChain(error).map((e) => e.name));
  if (names.has('QuotaExceededError')) return 'storageFull';
  if (!dataAllowed || names.has('SecurityError') || names.has('MissingAPIError')) return 'storageBlocked';
  return 'storageFailed';
}

/** Why a save did not reach the device's storage (the disk is full, or the browser failed to write), and its error. */
export interface SaveFailure {
  readonly problem: 'storageFull' | 'failed';
  /** The error as the browser gave it, for IT support. */
  readonly detail: string;
}

export function saveFailureOf(error: unknown): SaveFailure {
  const full = deviceStorageFailureOf(error) === 'deviceStorageFull';
  return { problem: full ? 'storageFull' : 'failed', detail: describeError(error) };
}

/** Whether the browser lets the page keep data at all: with site data blocked, merely reading `localStorage` throws. */
export function siteDataAllowed(): boolean {
  try {
    return window.localStorage !== null;
  } catch {
    return false;
  }
}

/** The error as IT support would want it quoted: each name and message, outermost first. */
export function describeError(error: unknown): string {
  const chain = namedChain(error);
  if (chain.length === 0) return String(error);
  return chain.map((e) => [e.name, e.message].filter(Boolean).join(': ')).join(' ← ');
}

/**
 * Whether the error is a screen's code failing to load: the browsers' words for a dynamic import that failed
 * (Chromium, Firefox, Safari), which happens when the network fails before the service worker holds the code, or
 * after a new version was published and the old one's files are gone.
 */
export function isCodeLoadFailure(error: unknown): boolean {
  return namedChain(error).some((e) => /dynamically imported module|Importing a module script failed/i.test(e.message));
}
