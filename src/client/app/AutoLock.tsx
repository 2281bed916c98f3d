import { DEFAULT_AUTO_LOCK_MS } from '../security/autoLock.ts';
import { useAutoLock } from '../features/session/useAutoLock.ts';

/** Mounted only while the app is open, so the timer runs only then. */
export function AutoLock() {
  useAutoLock(DEFAULT_AUTO_LOCK_MS);
  return null;
}
