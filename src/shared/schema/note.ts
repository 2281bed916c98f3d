import * as z from 'zod/mini';
import { noteTopics, type NoteTopic } from '../domain/noteTopics.ts';
import { isoDateTime, languageCode, optionalIsoDate, optionalText, recordId, requiredText } from './common.ts';
import { helsinkiDate } from '../domain/dates.ts';

export const meetingPlaces = ['kyrkslattTownHall', 'remote', 'sjundeaPremises', 'other'] as const;

/**
 * A guidance note: one entry of the counselling log. Notes are append-only: a correction is a new note whose
 * `supersedesId` names the version it corrects and whose `rootId` names the first version, so the history stays.
 */
export const noteFields = z
  .object({
    clientId: recordId,
    rootId: recordId,
    supersedesId: z.union([z.null(), recordId]),
    occurredAt: isoDateTime,
    durationMinutes: z
      .int({ error: 'durationRange' })
      .check(z.minimum(1, { error: 'durationRange' }), z.maximum(600, { error: 'durationRange' })),
    place: z.enum(meetingPlaces, { error: 'invalidChoice' }),
    placeOther: optionalText(100),
    interpreterUsed: z.boolean({ error: 'invalidValue' }),
    interpreterLanguage: z.union([z.literal(''), languageCode], { error: 'invalidChoice' }),
    topics: z
      .array(z.enum(noteTopics as [NoteTopic, ...NoteTopic[]], { error: 'invalidChoice' }), { error: 'topicsRequired' })
      .check(
        z.minLength(1, { error: 'topicsRequired' }),
        z.maxLength(noteTopics.length, { error: 'invalidValue' }),
        z.refine((t) => new Set(t).size === t.length, { error: 'invalidValue' }),
      ),
    text: requiredText(10_000),
    followUpDate: optionalIsoDate,
  })
  .check(
    z.superRefine((n, ctx) => {
      if (n.place === 'other' && n.placeOther === '') {
        ctx.addIssue({ code: 'custom', path: ['placeOther'], message: 'placeOtherRequired' });
      }
      if (n.interpreterUsed && n.interpreterLanguage === '') {
        ctx.addIssue({ code: 'custom', path: ['interpreterLanguage'], message: 'interpreterLanguageRequired' });
      }
      if (n.followUpDate !== '' && n.followUpDate < helsinkiDate(new Date(n.occurredAt))) {
        ctx.addIssue({ code: 'custom', path: ['followUpDate'], message: 'followUpBeforeMeeting' });
      }
    }),
  );

export type NoteFields = z.infer<typeof noteFields>;
export type MeetingPlace = (typeof meetingPlaces)[number];
