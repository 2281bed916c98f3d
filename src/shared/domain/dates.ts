/**
 * Calendar dates and times as the programme uses them: dates are plain `YYYY-MM-DD` (a date of birth has no time
 * zone), moments are UTC ISO strings, and everything a person sees or types is in Europe/Helsinki time.
 */

export const PROGRAMME_TIME_ZONE = 'Europe/Helsinki';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Wall-clock parts of a moment in a time zone. */
function zonedParts(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The calendar date (YYYY-MM-DD) of a moment in Helsinki. */
export function helsinkiDate(instant: Date): string {
  const p = zonedParts(instant, PROGRAMME_TIME_ZONE);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** A moment as the value of an `<input type="datetime-local">` showing Helsinki time. */
export function toHelsinkiLocalInput(instant: Date): string {
  const p = zonedParts(instant, PROGRAMME_TIME_ZONE);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * Helsinki wall-clock time typed by a person → the UTC moment. Around the autumn DST change one local hour happens
 * twice; the earlier (summer-time) moment is chosen. Returns null for text that is not a valid local date-time.
 */
export function helsinkiLocalToUtc(local: string): Date | null {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m || !isValidIsoDate(`${m[1]}-${m[2]}-${m[3]}`)) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (h > 23 || mi > 59) return null;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Helsinki is UTC+2 or UTC+3: try both offsets and keep the one that reads back as the typed time.
  for (const offsetHours of [3, 2]) {
    const candidate = new Date(asUtc - offsetHours * 3600_000);
    if (toHelsinkiLocalInput(candidate) === local) return candidate;
  }
  // A time skipped by the spring change (03:00–03:59): read it with the winter offset.
  return new Date(asUtc - 2 * 3600_000);
}
