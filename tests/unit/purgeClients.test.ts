/**
 * An erased client's tombstone, pulled from the server, purges everything the device holds of that client in the
 * same transaction: notes (synced or not), conflicts, unsent and refused changes, drafts. Other clients stay.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyServerRecords, readCursor } from '#client/db/applyServerRecords.ts';
import { oldestUnsynced } from '#client/db/changeLog.ts';
import { createClient, getClient, listClients } from '#client/db/clientsRepo.ts';
import type { SiltaDb } from '#client/db/database.ts';
import { loadDraft, saveDraft } from '#client/db/draftsRepo.ts';
import { addNote, listNoteVersions } from '#client/db/notesRepo.ts';
import { listRejections, recordRejections } from '#client/db/rejectionsRepo.ts';
import type { WireRecord } from '#shared/schema/sync.ts';
import { makeClient, makeNote } from '../fixtures/builders.ts';
import { unlockedDb } from '../fixtures/dataKey.ts';

let db: SiltaDb;
let n = 0;
beforeEach(async () => {
  db = await unlockedDb(`purge-${++n}-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

const ERASED_AT = '001767225600000-00000-0000000000000000';

function tombstone(type: WireRecord['type'], id: string, seq: number): WireRecord {
  return { type, id, data: {}, stamps: {}, deleted: ERASED_AT, seq };
}

describe('purging an erased client', () => {
  it('removes what the device holds of the client and leaves other clients as they were', async () => {
    const erased = await createClient(db, makeClient({ lastName: 'Virtanen' }));
    const kept = await createClient(db, makeClient({ lastName: 'Nieminen' }));
    await addNote(db, erased, makeNote({ text: 'About the erased client' }));
    await addNote(db, kept, makeNote({ text: 'About the kept client' }));
    const [erasedNote] = await listNoteVersions(db, erased);
    await saveDraft(db, `note-new:${erased}`, { text: 'half written' });
    await saveDraft(db, `client-edit:${erased}`, { lastName: 'Virtane' });
    await saveDraft(db, `note-new:${kept}`, { text: 'kept draft' });
    const refused = (await oldestUnsynced(db, 10)).filter((e) => e.recordId === erased);
    await db.transaction('rw', db.rejections, () => recordRejections(db, refused, refused.map((e) => ({ id: e.id, status: 'rejected', code: 'forbidden' }))));

    await applyServerRecords(db, [tombstone('client', erased, 41), tombstone('note', erasedNote!.id, 42)], 42);

    expect(await getClient(db, erased)).toBeNull();
    expect(await listNoteVersions(db, erased)).toEqual([]);
    expect(await db.notes.where('clientId').equals(erased).count()).toBe(0);
    const unsent = await oldestUnsynced(db, 10);
    expect(unsent.some((e) => e.recordId === erased || (e.op !== 'delete' && e.data['clientId'] === erased))).toBe(false);
    expect(unsent.filter((e) => e.recordId === kept || (e.op !== 'delete' && e.data['clientId'] === kept))).toHaveLength(2);
    expect(await listRejections(db)).toEqual([]);
    expect(await loadDraft(db, `note-new:${erased}`)).toBeNull();
    expect(await loadDraft(db, `client-edit:${erased}`)).toBeNull();
    expect(await loadDraft(db, `note-new:${kept}`)).toEqual({ text: 'kept draft' });
    expect((await listClients(db)).map((c) => c.id)).toEqual([kept]);
    expect((await listNoteVersions(db, kept)).map((v) => v.fields.text)).toEqual(['About the kept client']);
    expect(await readCursor(db)).toBe(42);
  });
});
