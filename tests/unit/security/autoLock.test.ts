import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTO_LOCK_MS, autoLockDecision } from '#client/security/autoLock.ts';

const T0 = 1_800_000_000_000;

describe('the auto-lock policy', () => {
  it('locks after five minutes without activity by default', () => {
    expect(DEFAULT_AUTO_LOCK_MS).toBe(300_000);
    expect(autoLockDecision(T0, T0 + 299_999)).toEqual({ lock: false, checkInMs: 1 });
    expect(autoLockDecision(T0, T0 + 300_000)).toEqual({ lock: true });
    expect(autoLockDecision(T0, T0 + 3_600_000)).toEqual({ lock: true });
  });

  it('says when to look again: when the timeout would run out', () => {
    expect(autoLockDecision(T0, T0)).toEqual({ lock: false, checkInMs: 300_000 });
    expect(autoLockDecision(T0, T0 + 60_000)).toEqual({ lock: false, checkInMs: 240_000 });
  });

  it('takes another timeout', () => {
    expect(autoLockDecision(T0, T0 + 60_000, 120_000)).toEqual({ lock: false, checkInMs: 60_000 });
    expect(autoLockDecision(T0, T0 + 120_000, 120_000)).toEqual({ lock: true });
  });

  it('locks when the clock went backwards, rather than waiting out the jump', () => {
    expect(autoLockDecision(T0, T0 - 1)).toEqual({ lock: true });
  });

  it('refuses a timeout that would never lock or always lock', () => {
    expect(() => autoLockDecision(T0, T0, 0)).toThrow(RangeError);
    expect(() => autoLockDecision(T0, T0, Number.NaN)).toThrow(RangeError);
    expect(() => autoLockDecision(T0, T0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
