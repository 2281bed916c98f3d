/**
 * When an unlocked app locks itself. Pure: the caller passes the clock, keeps the time of the last user activity
 * and schedules the next check when this says so.
 */
export const DEFAULT_AUTO_LOCK_MS = 5 * 60_000;

export type AutoLockDecision = { lock: true } | { lock: false; checkInMs: number };

export function autoLockDecision(lastActivityAt: number, now: number, timeoutMs = DEFAULT_AUTO_LOCK_MS): AutoLockDecision {
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) throw new RangeError('The auto-lock timeout must be a positive number of milliseconds');
  const idle = now - lastActivityAt;
  // A clock that went backwards could otherwise postpone the lock by as much as it jumped: fail closed.
  if (idle < 0 || idle >= timeoutMs) return { lock: true };
  return { lock: false, checkInMs: timeoutMs - idle };
}
