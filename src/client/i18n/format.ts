/** Dates, times, numbers and language names for the chosen UI language, always in Helsinki time. */
import { PROGRAMME_TIME_ZONE } from '#shared/domain/dates.ts';

/** Arabic text keeps Western digits for dates and numbers, as Finnish public services do. */
function locale(lng: string): string {
  return lng === 'ar' ? 'ar-u-nu-latn' : lng;
}

export function formatDate(isoDate: string, lng: string): string {
  if (isoDate === '') return '';
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale(lng), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatDateTime(isoDateTime: string, lng: string): string {
  return new Intl.DateTimeFormat(locale(lng), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: PROGRAMME_TIME_ZONE,
  }).format(new Date(isoDateTime));
}

export function formatNumber(value: number, lng: string): string {
  return new Intl.NumberFormat(locale(lng)).format(value);
}

const displayNames = new Map<string, Intl.DisplayNames>();

/** A language's name in the UI language, from the browser's own data, so no list of names needs translating. */
export function languageName(code: string, lng: string): string {
  let names = displayNames.get(lng);
  if (!names) {
    names = new Intl.DisplayNames([lng], { type: 'language', fallback: 'code' });
    displayNames.set(lng, names);
  }
  return names.of(code) ?? code;
}
