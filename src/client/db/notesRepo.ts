import { uuidv7 } from 'uuidv7';
import type { NoteFields } from '#shared/schema/note.ts';
import { localInsert } from '#shared/sync/ops.ts';
import type { RecordRow, SiltaDb } from './database.ts';
import { commitWrite } from './commitWrite.ts';
import { cipherOf, type RecordCipher } from './recordCipher.ts';
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

/** The stored (sealed) rows of one client's notes, straight from the `clientId` index: cheap, nothing decrypted. */
export function noteRowsOf(db: SiltaDb, clientId: string): Promise<RecordRow[]> {
  return db.notes.where('clientId').equals(clientId).toArray();
}

/**
 * The rows' note versions, oldest meeting first. The meeting time is sealed, so the order is made after decryption
 * (cheap for one client's notes).
 */
export async function openNoteVersions(db: SiltaDb, rows: readonly RecordRow[]): Promise<NoteVersion[]> {
  return versionsOf(cipherOf(db), rows);
}

/** Every version of every note of one client, oldest meeting first. */
export async function listNoteVersions(db: SiltaDb, clientId: string): Promise<NoteVersion[]> {
  // Asked first, so a locked device refuses before reading anything.
  const cipher = cipherOf(db);
  return versionsOf(cipher, await noteRowsOf(db, clientId));
}

async function versionsOf(cipher: RecordCipher, rows: readonly RecordRow[]): Promise<NoteVersion[]> {
  const states = await openRecords(cipher, 'note', rows);
  return states
    .filter((s) => s.deleted === null)
    .map((s) => ({
      id: s.id,
      fields: s.data as unknown as NoteFields,
      writtenAt: Object.values(s.stamps).sort().at(-1) ?? '',
    }))
    .sort((a, b) => compareText(a.fields.occurredAt, b.fields.occurredAt) || compareText(a.id, b.id));
}

/** Orders strings by code unit, as ISO timestamps and UUID v7 ids sort. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
