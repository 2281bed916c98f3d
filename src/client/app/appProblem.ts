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
export type StartupProblem = 'storageBlocked' | 'storageFull' | 'storageFailed' | 'codeNotLoaded';

/** The error and the errors it wraps (Dexie's `inner`, the standard `cause`), outermost first. */
function errorChain(error: unknown): { readonly name: string; readonly message: string }[] {
  const chain: { name: string; message: string }[] = [];
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && chain.length < 5) {
    const { name, message } = current as { name?: unknown; message?: unknown };
    chain.push({ name: typeof name === 'string' ? name : '', message: typeof message === 'string' ? message : '' });
    const next = current as { inner?: unknown; cause?: unknown };
    current = next.inner ?? next.cause;
  }
  return chain;
}

/** What kept the device's storage from opening. */
export function storageProblemOf(error: unknown, dataAllowed: boolean): StartupProblem {
  const names = new Set(errorChain(error).map((e) => e.name));
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
  const full = errorChain(error).some((e) => e.name === 'QuotaExceededError');
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
  const chain = errorChain(error);
  if (chain.length === 0) return String(error);
  return chain.map((e) => [e.name, e.message].filter(Boolean).join(': ')).join(' ← ');
}

/**
 * Whether the error is a screen's code failing to load: the browsers' words for a dynamic import that failed
 * (Chromium, Firefox, Safari), which happens when the network fails before the service worker holds the code, or
 * after a new version was published and the old one's files are gone.
 */
export function isCodeLoadFailure(error: unknown): boolean {
  return errorChain(error).some((e) => /dynamically imported module|Importing a module script failed/i.test(e.message));
}
