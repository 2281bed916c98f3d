import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SiltaDb } from '#client/db/database.ts';
import { createClient, getClient, updateClient } from '#client/db/clientsRepo.ts';
import { addNote, correctNote, listNoteVersions } from '#client/db/notesRepo.ts';
import { commitWrite } from '#client/db/commitWrite.ts';
import { countUnsynced, oldestUnsynced } from '#client/db/changeLog.ts';
import { localSet } from '#shared/sync/ops.ts';
import { makeClient, makeNote } from '../fixtures/builders.ts';
import { unlockedDb } from '../fixtures/dataKey.ts';

let db: SiltaDb;
let n = 0;
beforeEach(async () => {
  db = await unlockedDb(`test-${++n}-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('the local data layer', () => {
  it('writes a record and its change-log entry together', async () => {
    const id = await createClient(db, makeClient());
    expect((await getClient(db, id))?.fields.lastName).toBe('Öhman');
    const [entry] = await oldestUnsynced(db, 10);
    expect(entry).toMatchObject({ op: 'insert', recordType: 'client', recordId: id });
    expect(entry?.hlc).toMatch(/^\d{15}-/);
  });

  it('writes neither when the change-log entry cannot be stored', async () => {
    const id = await createClient(db, makeClient());
    const [first] = await oldestUnsynced(db, 1);
    // An entry id that already exists violates the log's unique index, which must abort the record write too.
    const attempt = commitWrite(db, 'client', id, (current, hlc) => {
      const write = current ? localSet(current, { lastName: 'Changed' }, hlc, first!.id) : null;
      return write;
    });
    await expect(attempt).rejects.toThrow();
    expect((await getClient(db, id))?.fields.lastName).toBe('Öhman');
    expect(await countUnsynced(db)).toBe(1);
  });

  it('stamps later writes with later clocks and records what the device had seen', async () => {
    const id = await createClient(db, makeClient());
    await updateClient(db, id, { lastName: 'Lindqvist' });
    const [insert, set] = await oldestUnsynced(db, 10);
    expect(set?.op).toBe('set');
    expect(set!.hlc > insert!.hlc).toBe(true);
    expect(set?.op === 'set' && set.base['lastName']).toBe(insert!.hlc);
  });

  it('writes nothing when a form is saved unchanged', async () => {
    const id = await createClient(db, makeClient());
    await updateClient(db, id, { lastName: 'Öhman' });
    expect(await countUnsynced(db)).toBe(1);
  });

  it('keeps every version of a corrected note', async () => {
    const clientId = await createClient(db, makeClient());
    await addNote(db, clientId, makeNote({ text: 'First version' }));
    const [v1] = await listNoteVersions(db, clientId);
    await correctNote(db, v1!, makeNote({ text: 'Corrected version' }));
    const versions = await listNoteVersions(db, clientId);
    expect(versions.map((v) => v.fields.text).sort()).toEqual(['Corrected version', 'First version']);
    expect(versions.find((v) => v.fields.text === 'Corrected version')?.fields.supersedesId).toBe(v1!.id);
    expect(await countUnsynced(db)).toBe(3);
  });
});
