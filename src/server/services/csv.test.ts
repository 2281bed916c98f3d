import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './csv.ts';

describe('csv', () => {
  it('leaves plain fields alone and writes null as an empty field', () => {
    expect(csvLine(['a', '2026-01-02T03:04:05.000Z', null, 'system'])).toBe('a,2026-01-02T03:04:05.000Z,,system\r\n');
  });

  it('quotes fields with a comma, a quote or a line break, doubling the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
  });

  it('defuses fields a spreadsheet would run as a formula', () => {
    for (const value of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) expect(csvField(value)).toBe(`'${value}`);
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });
});
