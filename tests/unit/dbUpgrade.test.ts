import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { SiltaDb } from '#client/db/database.ts';
import { attachDataKey } from '#client/db/attachDataKey.ts';
import { getClient, listClients } from '#client/db/clientsRepo.ts';
import { listNoteVersions } from '#client/db/notesRepo.ts';
import { listOpenConflicts } from '#client/db/conflictsRepo.ts';
import { countUnsynced, oldestUnsynced } from '#client/db/changeLog.ts';
import { loadDraft } from '#client/db/draftsRepo.ts';
import { listRejections } from '#client/db/rejectionsRepo.ts';
import { hasPlainRows } from '#client/db/plainRows.ts';
import { DataLockedError } from '#client/db/recordCipher.ts';
import { testDataKey } from '../fixtures/dataKey.ts';
import { storesText } from '../fixtures/storedBytes.ts';

const V2_STORES = {
  clients: '&id', notes: '&id, clientId, [clientId+occurredAt]', conflicts: '&id, clientId', changes: '++seq, &id',
  meta: '&key', drafts: '&key', rejections: '&id, at',
};
const CANARY = 'Plainrow-Canary-5b1e';

const note = (id: string, occurredAt: string) => ({
  type: 'note' as const, id, clientId: 'c1', deleted: null, stamps: { text: 'x' },
  data: { clientId: 'c1', rootId: id, supersedesId: null, occurredAt, text: `${id} ${CANARY}` },
});

/** A version-3 device with plain rows in every table, as the app before encryption at rest left it. */
async function writeVersion3(name: string): Promise<void> {
  const v3 = new Dexie(name);
  v3.version(3).stores({ ...V2_STORES, vault: '&accountId' });
  const entry = (id: string, lastName: string) => ({
    op: 'set', id, recordType: 'client', recordId: 'c1', data: { lastName }, base: {}, hlc: `001750000000000-00000-${'a'.repeat(16)}`,
  });
  await v3.table('clients').put({
    type: 'client', id: 'c1', deleted: null, stamps: { lastName: 'x' }, data: { firstNames: 'Åsa', lastName: CANARY },
  });
  await v3.table('notes').bulkAdd([note('late', '2026-06-01T10:00:00.000Z'), note('early', '2026-01-01T10:00:00.000Z')]);
  await v3.table('conflicts').put({
    type: 'conflict', id: 'k1', clientId: 'c1', deleted: null, stamps: {},
    data: { recordType: 'client', recordId: 'c1', clientId: 'c1', field: 'phone', loserValue: CANARY, resolution: 'open' },
  });
  await v3.table('changes').bulkAdd([
    { id: '018f0000-0000-7000-8000-000000000001', entry: entry('018f0000-0000-7000-8000-000000000001', `${CANARY} 1`) },
    { id: '018f0000-0000-7000-8000-000000000002', entry: entry('018f0000-0000-7000-8000-000000000002', `${CANARY} 2`) },
  ]);
  await v3.table('drafts').put({ key: 'client-new', value: { lastName: CANARY }, savedAt: 1 });
  await v3.table('rejections').put({
    id: '018f0000-0000-7000-8000-000000000003', entry: entry('018f0000-0000-7000-8000-000000000003', CANARY), code: 'recordDeleted', at: 2,
  });
  await v3.table('meta').put({ key: 'lastSyncAt', value: 42 });
  v3.close();
}

describe('the device database upgrade path', () => {
  it('opens a version-1 database and lists its notes by client in meeting order', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ clients: '&id', notes: '&id, clientId', conflicts: '&id, clientId', changes: '++seq, &id', meta: '&key' });
    await v1.table('notes').bulkAdd([note('late', '2026-06-01T10:00:00.000Z'), note('early', '2026-01-01T10:00:00.000Z')]);
    v1.close();

    const upgraded = new SiltaDb(name);
    await attachDataKey(upgraded, await testDataKey());
    const versions = await listNoteVersions(upgraded, 'c1');
    expect(versions.map((v) => v.id)).toEqual(['early', 'late']);
    expect(upgraded.verno).toBe(6);
    await upgraded.delete();
  });

  it('opens a version-2 database, keeps its data and adds the empty key vault', async () => {
    const name = `upgrade-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores(V2_STORES);
    await v2.table('meta').put({ key: 'lastSyncAt', value: 42 });
    v2.close();

    const upgraded = new SiltaDb(name);
    expect(await upgraded.meta.get('lastSyncAt')).toEqual({ key: 'lastSyncAt', value: 42 });
    expect(await upgraded.vault.count()).toBe(0);
    expect(upgraded.verno).toBe(6);
    await upgraded.delete();
  });

  it('seals every plain row of a version-3 database at the first unlock, losing nothing', async () => {
    const name = `upgrade-${Math.random()}`;
    await writeVersion3(name);
    const upgraded = new SiltaDb(name);
    await upgraded.open();
    expect(upgraded.verno).toBe(6);
    // No key during the upgrade: the rows are still plain, marked for the first unlock, and unreadable while locked.
    expect(await hasPlainRows(upgraded)).toBe(true);
    expect(await storesText(upgraded, CANARY)).toBe(true);
    await expect(listClients(upgraded)).rejects.toBeInstanceOf(DataLockedError);
    expect(await countUnsynced(upgraded)).toBe(2);

    await attachDataKey(upgraded, await testDataKey());
    expect(await hasPlainRows(upgraded)).toBe(false);
    expect(await storesText(upgraded, CANARY)).toBe(false);
    for (const table of ['clients', 'notes', 'conflicts', 'changes', 'drafts', 'rejections']) {
      for (const row of await upgraded.table(table).toArray()) expect(row).toHaveProperty('sealed');
    }
    // Sealed rows are in the IV index the client list checks against (v6).
    expect(await upgraded.clients.orderBy('sealed.iv').count()).toBe(await upgraded.clients.count());
    const storedNote = await upgraded.notes.get('early');
    expect(storedNote).not.toHaveProperty('occurredAt');

    expect((await getClient(upgraded, 'c1'))?.fields.lastName).toBe(CANARY);
    expect((await listNoteVersions(upgraded, 'c1')).map((v) => v.id)).toEqual(['early', 'late']);
    expect((await listOpenConflicts(upgraded, 'c1')).map((c) => c.fields.loserValue)).toEqual([CANARY]);
    // The queue keeps its order: the oldest change is still pushed first.
    expect((await oldestUnsynced(upgraded, 10)).map((e) => e.op === 'set' && e.data['lastName'])).toEqual([`${CANARY} 1`, `${CANARY} 2`]);
    expect(await loadDraft(upgraded, 'client-new')).toEqual({ lastName: CANARY });
    expect((await listRejections(upgraded)).map((r) => [r.code, r.entry.id])).toEqual([['recordDeleted', '018f0000-0000-7000-8000-000000000003']]);
    expect(await upgraded.meta.get('lastSyncAt')).toEqual({ key: 'lastSyncAt', value: 42 });
    await upgraded.delete();
  });

  it('reads plain rows before the first unlock has sealed them, and a sealing pass cut short goes on at the next', async () => {
    const name = `upgrade-${Math.random()}`;
    await writeVersion3(name);
    const upgraded = new SiltaDb(name);
    const dk = await testDataKey();
    const attaching = attachDataKey(upgraded, dk);
    // Readable at once, whether the row is sealed yet or not.
    expect((await getClient(upgraded, 'c1'))?.fields.lastName).toBe(CANARY);
    await attaching;

    // A pass stopped by a lock leaves the mark, and the next unlock seals what is left.
    await upgraded.meta.put({ key: 'plainRowsPending', value: true });
    await upgraded.notes.put(note('added', '2026-03-01T10:00:00.000Z'));
    const other = new SiltaDb(name);
    await attachDataKey(other, dk);
    expect(await hasPlainRows(other)).toBe(false);
    expect(await other.notes.get('added')).toHaveProperty('sealed');
    expect((await listNoteVersions(other, 'c1')).map((v) => v.id)).toEqual(['early', 'added', 'late']);
    other.close();
    await upgraded.delete();
  });
});
