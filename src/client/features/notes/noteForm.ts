import { noteFields, type NoteFields } from '#shared/schema/note.ts';
import { helsinkiLocalToUtc, toHelsinkiLocalInput } from '#shared/domain/dates.ts';
import type { NoteInput } from '../../db/notesRepo.ts';
import { fieldErrorsOf } from '../forms/fieldErrors.ts';
import type { Validation } from '../forms/useValidatedForm.ts';

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

export function validateNote(values: NoteFormValues, clientId: string): Validation<NoteInput> {
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
  return { ok: true, value: input };
}
