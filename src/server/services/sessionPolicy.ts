/** How long sessions last and when sign-in locks: plain values, so config.ts can use them without the services. */
export interface SessionPolicy {
  /** A session ends after this long without a request. */
  readonly idleMinutes: number;
  /** A session ends this long after sign-in, whatever happens. */
  readonly maxHours: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 480, maxHours: 168 };

/** Wrong passwords in a row that lock an account, and for how long. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 15 * 60_000;

/**
 * A session's last activity is written at most once a minute, so a pull stays a read. The idle timeout may
 * therefore end a session up to a minute early, which errs on the safe side.
 */
export const ACTIVITY_RESOLUTION_MS = 60_000;
