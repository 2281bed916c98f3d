import { uuidv7 } from 'uuidv7';
import type { NoteFields } from '#shared/schema/note.ts';
import { localInsert } from '#shared/sync/ops.ts';
import { Dexie } from 'dexie';
import type { SiltaDb } from './database.ts';
import { commitWrite } from './commitWrite.ts';

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

/** Every version of every note of one client, oldest meeting first. */
export async function listNoteVersions(db: SiltaDb, clientId: string): Promise<NoteVersion[]> {
  const rows = await db.notes
    .where('[clientId+occurredAt]')
    .between([clientId, Dexie.minKey], [clientId, Dexie.maxKey])
    .toArray();
  return rows
    .filter((r) => r.deleted === null)
    .map((r) => ({
      id: r.id,
      fields: r.data as unknown as NoteFields,
      writtenAt: Object.values(r.stamps).sort().at(-1) ?? '',
    }));
}
