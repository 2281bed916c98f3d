/**
 * CSV as RFC 4180 writes it: a field with a comma, quote or line break is quoted and its quotes doubled; lines end
 * in CRLF. A field a spreadsheet would run as a formula (starting with = + - @ or a tab or CR) gets a leading
 * apostrophe, so opening an export can never execute anything (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(values: readonly (string | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
