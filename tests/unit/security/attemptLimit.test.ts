import { describe, expect, it } from 'vitest';
import { MAX_PIN_ATTEMPTS, attemptsLeft, countAttempt, isLockedOut } from '#client/security/attemptLimit.ts';

describe('the wrong-PIN limit', () => {
  it('locks out after five wrong PINs in a row', () => {
    expect(MAX_PIN_ATTEMPTS).toBe(5);
    let failed = 0;
    for (let i = 0; i < 4; i++) failed = countAttempt(failed, false);
    expect(isLockedOut(failed)).toBe(false);
    expect(attemptsLeft(failed)).toBe(1);
    failed = countAttempt(failed, false);
    expect(isLockedOut(failed)).toBe(true);
    expect(attemptsLeft(failed)).toBe(0);
    expect(attemptsLeft(countAttempt(failed, false))).toBe(0);
  });

  it('starts again after a right PIN', () => {
    expect(countAttempt(4, true)).toBe(0);
    expect(attemptsLeft(countAttempt(countAttempt(4, true), false))).toBe(4);
  });
});
