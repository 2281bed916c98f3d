import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, languageName } from './format.ts';

describe('shared formatters', () => {
  it('format as a fresh Intl formatter would, per language', () => {
    expect(formatDate('1990-07-07', 'en')).toBe('Jul 7, 1990');
    expect(formatDate('1990-07-07', 'fi')).toBe(new Intl.DateTimeFormat('fi', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(1990, 6, 7)));
    expect(formatDate('', 'en')).toBe('');
    // Helsinki is three hours ahead of UTC in summer.
    expect(formatDateTime('2026-06-01T09:30:00.000Z', 'en')).toBe('Jun 1, 2026, 12:30 PM');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(12, 'ar')).toBe('12');
    expect(languageName('fi', 'en')).toBe('Finnish');
    expect(languageName('fi', 'sv')).toBe('finska');
  });
});
