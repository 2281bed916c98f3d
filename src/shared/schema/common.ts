import { z } from 'zod';
import { HLC_PATTERN } from '../sync/hlc.ts';
import { isValidIsoDate } from '../domain/dates.ts';

/** Record ids are made on the device (UUID v7), so an offline device can create records. */
export const recordId = z.uuid({ message: 'invalidValue' });

export const hlcStamp = z.string().regex(HLC_PATTERN, { message: 'invalidValue' });

export const isoDate = z
  .string({ message: 'required' })
  .refine(isValidIsoDate, { message: 'invalidDate' });

/** An ISO date, or the empty string for "not known". */
export const optionalIsoDate = z.union([z.literal(''), isoDate], { message: 'invalidDate' });

export const isoDateTime = z.iso.datetime({ message: 'invalidDate' });

export const municipalities = ['kyrkslatt', 'sjundea'] as const;
export const municipality = z.enum(municipalities, { message: 'invalidChoice' });
export type Municipality = (typeof municipalities)[number];

/**
 * Languages a client may speak or be served in. Codes are ISO 639 (639-3 where 639-1 has none); their names come
 * from Intl.DisplayNames in the UI language, so no list of language names needs translating.
 */
export const languageCodes = [
  'fi', 'sv', 'en', 'ru', 'et', 'ar', 'uk', 'fa', 'prs', 'so', 'zh', 'ckb', 'kmr', 'sq', 'vi', 'th', 'tr', 'es',
  'fr', 'ps', 'ur', 'ti', 'am', 'de', 'pl', 'ro', 'bn', 'ne', 'hi', 'ta', 'tl', 'my', 'lv', 'lt', 'pt', 'sw', 'ku',
] as const;
export const languageCode = z.enum(languageCodes, { message: 'invalidChoice' });
export type LanguageCode = (typeof languageCodes)[number];

export const requiredText = (max: number) =>
  z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(max, { message: 'tooLong' });

export const optionalText = (max: number) => z.string({ message: 'invalidValue' }).trim().max(max, { message: 'tooLong' });
