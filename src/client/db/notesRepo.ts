import { uuidv7 } from 'uuidv7';
import type { NoteFields } from '#shared/schema/note.ts';
import { localInsert } from '#shared/sync/ops.ts';
import type { SiltaDb } from './database.ts';
import { commitWrite } from './commitWrite.ts';
import { cipherOf } from './recordCipher.ts';
import { openRecords } from './recordTables.ts';

export interface NoteVersion {
  readonly id: string;
  readonly fields: NoteFields;
  /** When this version was written (its clock stamp), which orders corrections. */
  readonly writtenAt: string;
}

/** The content a counsellor types; the chain fields are filled in here. */
export type NoteInput = Omit<NoteFields, 'clientId' | 'rootId' | 'supersedesId'>;

async function insertNote(db: SiltaDb, fields: NoteFields, id: string): Promise<string> {
  await commitWrite(db, 'note', id, (_current, hlc, entryId) =>
    localInsert('note', id, fields, hlc, entryId),
  );
  return id;
}

export function addNote(db: SiltaDb, clientId: string, input: NoteInput): Promise<string> {
  const id = uuidv7();
  return insertNote(db, { ...input, clientId, rootId: id, supersedesId: null }, id);
}

/** Notes are append-only: a correction is a new version that names the one it corrects. */
export function correctNote(db: SiltaDb, previous: NoteVersion, input: NoteInput): Promise<string> {
  const { clientId, rootId } = previous.fields;
  return insertNote(db, { ...input, clientId, rootId, supersedesId: previous.id }, uuidv7());
}

/**
 * Every version of every note of one client, oldest meeting first. The rows come straight from the `clientId`
 * index; the meeting time is sealed, so the order is made after decryption (cheap for one client's notes).
 */
export async function listNoteVersions(db: SiltaDb, clientId: string): Promise<NoteVersion[]> {
  const cipher = cipherOf(db);
  const states = await openRecords(cipher, 'note', await db.notes.where('clientId').equals(clientId).toArray());
  return states
    .filter((s) => s.deleted === null)
    .map((s) => ({
      id: s.id,
      fields: s.data as unknown as NoteFields,
      writtenAt: Object.values(s.stamps).sort().at(-1) ?? '',
    }))
    .sort((a, b) => compareText(a.fields.occurredAt, b.fields.occurredAt) || compareText(a.id, b.id));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
