import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { SiltaDb } from '#client/db/database.ts';
import { listNoteVersions } from '#client/db/notesRepo.ts';

describe('the device database upgrade path', () => {
  it('opens a version-1 database and indexes its notes by client and meeting time', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ clients: '&id', notes: '&id, clientId', conflicts: '&id, clientId', changes: '++seq, &id', meta: '&key' });
    const note = (id: string, occurredAt: string) => ({
      type: 'note', id, clientId: 'c1', deleted: null, stamps: { text: 'x' },
      data: { clientId: 'c1', rootId: id, supersedesId: null, occurredAt, text: id },
    });
    await v1.table('notes').bulkAdd([note('late', '2026-06-01T10:00:00.000Z'), note('early', '2026-01-01T10:00:00.000Z')]);
    v1.close();

    const upgraded = new SiltaDb(name);
    const versions = await listNoteVersions(upgraded, 'c1');
    expect(versions.map((v) => v.id)).toEqual(['early', 'late']);
    expect(upgraded.verno).toBe(2);
    await upgraded.delete();
  });
});
