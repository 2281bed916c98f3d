import { describe, expect, it } from 'vitest';
import { helsinkiDate, helsinkiLocalToUtc, isValidIsoDate, toHelsinkiLocalInput } from './dates.ts';

describe('programme dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2025-02-29')).toBe(false);
    expect(isValidIsoDate('2025-13-01')).toBe(false);
    expect(isValidIsoDate('1.1.2025')).toBe(false);
    expect(isValidIsoDate('1899-12-31')).toBe(false);
  });

  it('reads Helsinki wall-clock time in winter (UTC+2) and summer (UTC+3)', () => {
    expect(helsinkiLocalToUtc('2026-01-15T09:30')?.toISOString()).toBe('2026-01-15T07:30:00.000Z');
    expect(helsinkiLocalToUtc('2026-07-15T09:30')?.toISOString()).toBe('2026-07-15T06:30:00.000Z');
  });

  it('round-trips a moment through the local input form', () => {
    const moment = new Date('2026-03-29T00:59:00.000Z');
    expect(helsinkiLocalToUtc(toHelsinkiLocalInput(moment))?.toISOString()).toBe(moment.toISOString());
  });

  it('gives the Helsinki calendar date, which differs from UTC late in the evening', () => {
    expect(helsinkiDate(new Date('2026-11-30T22:30:00Z'))).toBe('2026-12-01');
  });

  it('rejects text that is not a date-time', () => {
    expect(helsinkiLocalToUtc('tomorrow')).toBeNull();
    expect(helsinkiLocalToUtc('2026-02-30T10:00')).toBeNull();
  });
});
