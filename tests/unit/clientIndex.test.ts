/**
 * The client list index (src/client/db/clientIndex.ts): built at unlock, it follows every committed change, from
 * this tab, another tab or a pulled page, by opening only the rows that changed, and it is gone with the key.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RangeSet } from 'dexie';
import type { WireRecord } from '#shared/schema/sync.ts';
import type { SiltaDb } from '#client/db/database.ts';
import { attachDataKey, detachDataKey } from '#client/db/attachDataKey.ts';
import { applyServerRecords } from '#client/db/applyServerRecords.ts';
import { changedIds, clientIndex, closeClientIndex } from '#client/db/clientIndex.ts';
import { readSnapshotAhead, SNAPSHOT_KEY } from '#client/db/clientListSnapshot.ts';
import { createClient, updateClient } from '#client/db/clientsRepo.ts';
import { cipherOf, DataLockedError, seal } from '#client/db/recordCipher.ts';
import { wipeDevice } from '#client/db/wipeDevice.ts';
import { uuidv7 } from 'uuidv7';
import { makeClient } from '../fixtures/builders.ts';
import { testDataKey, unlockedDb } from '../fixtures/dataKey.ts';

const open: SiltaDb[] = [];
async function device(dk?: CryptoKey, name = `index-${Math.random()}`): Promise<SiltaDb> {
  const db = await unlockedDb(name, dk);
  open.push(db);
  return db;
}
afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of open) detachDataKey(db);
  await Promise.all(open.splice(0).map((db) => db.delete()));
});

const HLC = (n: number) => `${String(Date.now() + n).padStart(15, '0')}-00000-${'c'.repeat(16)}`;

function wireClient(id: string, lastName: string, seq: number, deleted = false): WireRecord {
  const data = makeClient({ lastName });
  const stamps = Object.fromEntries(Object.keys(data).map((field) => [field, HLC(1_000_000)]));
  return { type: 'client', id, data, stamps, deleted: deleted ? HLC(1_000_000) : null, seq };
}

/** The index's names once every change committed so far is applied. */
async function names(db: SiltaDb): Promise<string[]> {
  return (await clientIndex(db).settled()).map((c) => c.fields.lastName).sort();
}

describe('the client list index', () => {
  it('is built at unlock and follows local writes, other tabs and pulled pages, opening only what changed', async () => {
    const dk = await testDataKey();
    const db = await device(dk);
    const ids: string[] = [];
    for (const i of [3, 0, 4, 1, 2]) ids[i] = await createClient(db, makeClient({ lastName: `Client${i}` }));
    const otherTab = await device(dk, db.name);
    // The other tab only writes here: its own index would decrypt this tab's writes, in this test's process.
    closeClientIndex(otherTab);
    expect(await names(db)).toEqual(['Client0', 'Client1', 'Client2', 'Client3', 'Client4']);
    const heard = vi.fn();
    const unsubscribe = clientIndex(db).subscribe(heard);
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');

    // Its own write: the row's plain text is cached by the write itself.
    await updateClient(db, ids[0]!, { lastName: 'Edited here' });
    await vi.waitFor(async () => expect(await names(db)).toContain('Edited here'));
    expect(decrypt).not.toHaveBeenCalled();

    // Another tab's write: that one row is decrypted, no other.
    await updateClient(otherTab, ids[1]!, { lastName: 'Edited elsewhere' });
    await vi.waitFor(async () => expect(await names(db)).toContain('Edited elsewhere'));
    expect(decrypt).toHaveBeenCalledTimes(1);

    // A pulled page.
    await applyServerRecords(db, [wireClient(uuidv7(), 'Pulled', 1)], 1);
    await vi.waitFor(async () => expect(await names(db)).toContain('Pulled'));
    expect(decrypt).toHaveBeenCalledTimes(1);

    // A pulled deletion.
    await applyServerRecords(db, [wireClient(ids[2]!, 'Deleted', 2, true)], 2);
    await vi.waitFor(async () => expect(await names(db)).toEqual(['Client3', 'Client4', 'Edited elsewhere', 'Edited here', 'Pulled']));
    expect(heard).toHaveBeenCalled();
    unsubscribe();
  });

  it('reads the whole table again after a bulk write, keeping the objects of unchanged clients', async () => {
    const db = await device();
    const kept = await createClient(db, makeClient({ lastName: 'Unchanged' }));
    const before = (await clientIndex(db).settled()).find((c) => c.id === kept);
    // Dexie names a range, not ids, for a write of 50 rows or more.
    const page = Array.from({ length: 60 }, (_, i) => wireClient(uuidv7(), `Page${i}`, i + 1));
    await applyServerRecords(db, page, 60);
    await vi.waitFor(async () => expect(await clientIndex(db).settled()).toHaveLength(61));
    expect((await clientIndex(db).settled()).find((c) => c.id === kept)).toBe(before);
  });

  it('is dropped at lock and emptied when the device is wiped', async () => {
    const dk = await testDataKey();
    const db = await device(dk);
    await createClient(db, makeClient());
    const index = clientIndex(db);
    expect(await index.settled()).toHaveLength(1);
    detachDataKey(db);
    expect(index.current()).toBeUndefined();
    expect(() => clientIndex(db)).toThrow(DataLockedError);

    await attachDataKey(db, dk);
    const reopened = clientIndex(db);
    expect(await reopened.settled()).toHaveLength(1);
    await wipeDevice(db);
    await vi.waitFor(() => expect(reopened.current()).toBeUndefined());
  });
});

describe('the sealed snapshot of the list', () => {
  it('opens the list at unlock in one decryption, then corrects what changed since it was sealed', async () => {
    const dk = await testDataKey();
    const db = await device(dk);
    const ids: string[] = [];
    for (const i of [3, 0, 4, 1, 2]) ids[i] = await createClient(db, makeClient({ lastName: `Client${i}` }));
    // Sealed a few seconds after the list last changed.
    await vi.waitFor(async () => expect(await db.meta.get('clientList')).toBeDefined(), { timeout: 10_000 });
    const stored = JSON.stringify(await db.meta.get('clientList'));
    expect(stored).not.toContain('Client0');
    detachDataKey(db);
    // Changed while this tab was locked, by a tab without an index: the snapshot does not know it.
    const otherTab = await device(dk, db.name);
    closeClientIndex(otherTab);
    await updateClient(otherTab, ids[2]!, { lastName: 'Changed meanwhile' });

    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    const shown: string[][] = [];
    const unlocking = attachDataKey(db, dk);
    const index = clientIndex(db);
    index.subscribe(() => shown.push((index.current() ?? []).map((c) => c.fields.lastName)));
    await unlocking;
    // As sealed: in name order, whatever order the clients were made in.
    expect(shown[0]).toEqual(['Client0', 'Client1', 'Client2', 'Client3', 'Client4']);
    expect(await names(db)).toEqual(['Changed meanwhile', 'Client0', 'Client1', 'Client3', 'Client4']);
    // The snapshot, and the one row that changed.
    expect(decrypt).toHaveBeenCalledTimes(2);
  }, 20_000);
});

describe('the snapshot read ahead of the unlock', () => {
  it('is what the unlock opens, without reading it again, and what changed after it was read is still corrected', async () => {
    const dk = await testDataKey();
    const db = await device(dk);
    const ids = [await createClient(db, makeClient({ lastName: 'Alpha' })), await createClient(db, makeClient({ lastName: 'Beta' }))];
    await vi.waitFor(async () => expect(await db.meta.get(SNAPSHOT_KEY)).toBeDefined(), { timeout: 10_000 });
    detachDataKey(db);

    readSnapshotAhead(db);
    const otherTab = await device(dk, db.name);
    closeClientIndex(otherTab);
    await updateClient(otherTab, ids[1]!, { lastName: 'Changed after the read' });
    const get = vi.spyOn(db.meta, 'get');
    await attachDataKey(db, dk);
    expect(get.mock.calls.filter(([key]) => (key as unknown) === SNAPSHOT_KEY)).toHaveLength(0);
    expect(await names(db)).toEqual(['Alpha', 'Changed after the read']);
  }, 20_000);

  it('of an older format is never shown: the list is read from the rows', async () => {
    const dk = await testDataKey();
    const db = await device(dk);
    await createClient(db, makeClient({ lastName: 'Alpha' }));
    await vi.waitFor(async () => expect(await db.meta.get(SNAPSHOT_KEY)).toBeDefined(), { timeout: 10_000 });
    // As the first version of the snapshot stored it: [id, iv, fields], no format number, and a name it never had.
    const [row] = await db.clients.toArray();
    const old = { rows: [[row?.id, 'iv', { ...makeClient({ lastName: 'Not in the rows' }) }]] };
    await db.meta.put({ key: SNAPSHOT_KEY, value: await seal(cipherOf(db), 'meta', SNAPSHOT_KEY, old) });
    detachDataKey(db);

    const shown: string[] = [];
    const unlocking = attachDataKey(db, dk);
    const index = clientIndex(db);
    index.subscribe(() => shown.push(...(index.current() ?? []).map((c) => c.fields.lastName)));
    await unlocking;
    expect(await names(db)).toEqual(['Alpha']);
    expect(shown).not.toContain('Not in the rows');
  }, 20_000);
});

describe('changedIds', () => {
  it('names the ids of single-key changes, and everything for a range', () => {
    expect(changedIds(new RangeSet().addKeys(['b', 'a', 'c']))).toEqual(new Set(['a', 'b', 'c']));
    expect(changedIds(new RangeSet())).toEqual(new Set());
    expect(changedIds(new RangeSet('a', 'f'))).toBe('all');
    expect(changedIds(new RangeSet().addKeys(['a']).add({ from: 'm', to: 'z' }))).toBe('all');
  });
});
