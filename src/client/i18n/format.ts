/**
 * Dates, times, numbers and language names for the chosen UI language, always in Helsinki time.
 *
 * Building an Intl formatter costs far more than using one (it loads and resolves locale data), and a list or a
 * client's notes format hundreds of values per render: each formatter is made once per language and kind, and
 * shared. The cache holds a handful of entries at most (four UI languages × four kinds).
 */
import { PROGRAMME_TIME_ZONE } from '#shared/domain/dates.ts';

/** Arabic text keeps Western digits for dates and numbers, as Finnish public services do. */
function locale(lng: string): string {
  return lng === 'ar' ? 'ar-u-nu-latn' : lng;
}

const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames>();

function shared<F extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames>(kind: string, lng: string, make: () => F): F {
  const key = `${kind}/${lng}`;
  let formatter = formatters.get(key) as F | undefined;
  if (formatter === undefined) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatDate(isoDate: string, lng: string): string {
  if (isoDate === '') return '';
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const format = shared('date', lng, () => new Intl.DateTimeFormat(locale(lng), { dateStyle: 'medium', timeZone: 'UTC' }));
  return format.format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatDateTime(isoDateTime: string, lng: string): string {
  const format = shared(
    'dateTime',
    lng,
    () => new Intl.DateTimeFormat(locale(lng), { dateStyle: 'medium', timeStyle: 'short', timeZone: PROGRAMME_TIME_ZONE }),
  );
  return format.format(new Date(isoDateTime));
}

export function formatNumber(value: number, lng: string): string {
  return shared('number', lng, () => new Intl.NumberFormat(locale(lng))).format(value);
}

/** A language's name in the UI language, from the browser's own data, so no list of names needs translating. */
export function languageName(code: string, lng: string): string {
  const names = shared('language', lng, () => new Intl.DisplayNames([lng], { type: 'language', fallback: 'code' }));
  return names.of(code) ?? code;
}
