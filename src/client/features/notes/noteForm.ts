import { noteFields, type NoteFields } from '#shared/schema/note.ts';
import { helsinkiLocalToUtc, toHelsinkiLocalInput } from '#shared/domain/dates.ts';
import type { NoteInput } from '../../db/notesRepo.ts';
import { fieldErrorsOf, type FieldErrors } from '../forms/fieldErrors.ts';

/** What the note form edits: text as typed, converted to a note only when it is valid. */
export interface NoteFormValues extends Record<string, unknown> {
  occurredAt: string;
  durationMinutes: string;
  place: NoteFields['place'];
  placeOther: string;
  interpreterUsed: boolean;
  interpreterLanguage: NoteFields['interpreterLanguage'];
  topics: string[];
  text: string;
  followUpDate: string;
}

export function newNoteValues(now = new Date()): NoteFormValues {
  return {
    occurredAt: toHelsinkiLocalInput(now),
    durationMinutes: '30',
    place: 'kyrkslattTownHall',
    placeOther: '',
    interpreterUsed: false,
    interpreterLanguage: '',
    topics: [],
    text: '',
    followUpDate: '',
  };
}

export function valuesOf(note: NoteFields): NoteFormValues {
  return { ...note, occurredAt: toHelsinkiLocalInput(new Date(note.occurredAt)), durationMinutes: String(note.durationMinutes), topics: [...note.topics] };
}

export type NoteValidation = { ok: true; input: NoteInput } | { ok: false; errors: FieldErrors };

export function validateNote(values: NoteFormValues, clientId: string): NoteValidation {
  const occurredAt = helsinkiLocalToUtc(values.occurredAt);
  const duration = /^\d+$/.test(values.durationMinutes.trim()) ? Number(values.durationMinutes) : Number.NaN;
  const candidate = {
    ...values,
    occurredAt: occurredAt?.toISOString() ?? values.occurredAt,
    durationMinutes: duration,
    placeOther: values.place === 'other' ? values.placeOther : '',
    interpreterLanguage: values.interpreterUsed ? values.interpreterLanguage : '',
    clientId,
    rootId: clientId,
    supersedesId: null,
  };
  const result = noteFields.safeParse(candidate);
  if (!result.success) return { ok: false, errors: fieldErrorsOf(result.error) };
  const { clientId: _c, rootId: _r, supersedesId: _s, ...input } = result.data;
  return { ok: true, input };
}
