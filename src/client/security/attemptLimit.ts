/**
 * The wrong-PIN limit: five wrong PINs in a row lock the PIN out, a right one starts the count again. The count
 * lives in the vault row, so reloading the app does not reset it.
 */
export const MAX_PIN_ATTEMPTS = 5;

/** The failed-attempt count after one more attempt. */
export function countAttempt(failedAttempts: number, right: boolean): number {
  return right ? 0 : failedAttempts + 1;
}

export function isLockedOut(failedAttempts: number): boolean {
  return failedAttempts >= MAX_PIN_ATTEMPTS;
}

export function attemptsLeft(failedAttempts: number): number {
  return Math.max(0, MAX_PIN_ATTEMPTS - failedAttempts);
}
