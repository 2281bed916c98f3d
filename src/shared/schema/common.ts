/**
 * Building blocks of every schema. The schemas use zod/mini, the tree-shakable form of zod 4, because they ship in
 * the phone and tablet bundles as well as the server; every message is an error code (see ../errors.ts).
 */
import * as z from 'zod/mini';
import { HLC_PATTERN } from '../sync/hlc.ts';
import { isValidIsoDate } from '../domain/dates.ts';

/** Record ids are made on the device (UUID v7), so an offline device can create records. */
export const recordId = z.uuid({ error: 'invalidValue' });

export const hlcStamp = z.string().check(z.regex(HLC_PATTERN, { error: 'invalidValue' }));

export const isoDate = z.string({ error: 'required' }).check(z.refine(isValidIsoDate, { error: 'invalidDate' }));

/** An ISO date, or the empty string for "not known". */
export const optionalIsoDate = z.union([z.literal(''), isoDate], { error: 'invalidDate' });

export const isoDateTime = z.iso.datetime({ error: 'invalidDate' });

export const municipalities = ['kyrkslatt', 'sjundea'] as const;
export const municipality = z.enum(municipalities, { error: 'invalidChoice' });
export type Municipality = (typeof municipalities)[number];

/**
 * Languages a client may speak or be served in. Codes are ISO 639 (639-3 where 639-1 has none); their names come
 * from Intl.DisplayNames in the UI language, so no list of language names needs translating.
 */
export const languageCodes = [
  'fi', 'sv', 'en', 'ru', 'et', 'ar', 'uk', 'fa', 'prs', 'so', 'zh', 'ckb', 'kmr', 'sq', 'vi', 'th', 'tr', 'es',
  'fr', 'ps', 'ur', 'ti', 'am', 'de', 'pl', 'ro', 'bn', 'ne', 'hi', 'ta', 'tl', 'my', 'lv', 'lt', 'pt', 'sw', 'ku',
] as const;
export const languageCode = z.enum(languageCodes, { error: 'invalidChoice' });
export type LanguageCode = (typeof languageCodes)[number];

/**
 * Control characters and unpaired surrogates (with the `u` flag `\p{Cs}` matches only unpaired ones). A name or label
 * stored as a text column refuses them: PostgreSQL cannot store NUL in text, an unpaired surrogate has no UTF-8 form
 * (it would be stored as U+FFFD, not as sent), and a line break or escape sequence has no place in a name.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cs}]/u;

export const printable = () => z.refine<string>((value) => !UNPRINTABLE.test(value), { error: 'invalidValue' });

export const requiredText = (max: number) =>
  z
    .string({ error: 'required' })
    .check(z.trim(), z.minLength(1, { error: 'required' }), z.maxLength(max, { error: 'tooLong' }));

export const optionalText = (max: number) =>
  z.string({ error: 'invalidValue' }).check(z.trim(), z.maxLength(max, { error: 'tooLong' }));
