/**
 * applyServerRecords prepares a pulled page before its transaction (the rows it replaces read, merged with it and
 * sealed) and the transaction only checks and writes. These are the cases where a row moved in between (a local
 * save, another tab), and the live queries that must hear of a page Dexie did not write.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dexie, liveQuery, RangeSet, type ObservabilitySet } from 'dexie';
import { applyServerRecords, readCursor } from '#client/db/applyServerRecords.ts';
import type { SiltaDb } from '#client/db/database.ts';
import { createClient, getClient, updateClient } from '#client/db/clientsRepo.ts';
import { noteRowsOf } from '#client/db/notesRepo.ts';
import type { WireRecord } from '#shared/schema/sync.ts';
import { makeClient, makeNote } from '../fixtures/builders.ts';
import { openedDevices, testDataKey } from '../fixtures/dataKey.ts';

const devices = openedDevices();
const device = devices.open;
afterEach(async () => {
  vi.restoreAllMocks();
  await devices.closeAll();
});

/** A stamp of another device at `iso`. */
const stampAt = (iso: string) => `${String(Date.parse(iso)).padStart(15, '0')}-00000-${'e'.repeat(16)}`;

function wire(type: WireRecord['type'], id: string, data: WireRecord['data'], at: string, seq: number): WireRecord {
  return { type, id, data, stamps: Object.fromEntries(Object.keys(data).map((field) => [field, stampAt(at)])), deleted: null, seq };
}

/** Runs `meanwhile` once `db`'s clients have been read for a page, before the page's transaction. */
function betweenReadAndWrite(db: SiltaDb, meanwhile: () => Promise<unknown>): void {
  const read = db.clients.bulkGet.bind(db.clients);
  vi.spyOn(db.clients, 'bulkGet').mockImplementationOnce((keys) =>
    Dexie.Promise.resolve(
      (async () => {
        const rows = await read(keys);
        await meanwhile();
        return rows;
      })(),
    ),
  );
}

describe('a pulled page prepared ahead of its transaction', () => {
  it('keeps a local save that lands while the page is sealed, and applies the page over it', async () => {
    const [tabA, tabB] = await devices.twoTabs('saved');
    const id = await createClient(tabA, makeClient({ lastName: 'Öhman', phone: '040 111 2222' }));
    betweenReadAndWrite(tabA, () => updateClient(tabB, id, { lastName: 'Lindqvist' }));
    // The server's phone is newer than anything on the device; its last name is older than the save.
    const page = [wire('client', id, { phone: '050 999 8888', lastName: 'Server' }, '2099-01-01T00:00:00Z', 1)];
    page[0]!.stamps['lastName'] = stampAt('2020-01-01T00:00:00Z');
    await applyServerRecords(tabA, page, 1);
    expect((await getClient(tabA, id))?.fields).toMatchObject({ lastName: 'Lindqvist', phone: '050 999 8888' });
    expect(await readCursor(tabA)).toBe(1);
  });

  it('merges with a row another tab added while the page was sealed', async () => {
    const [tabA, tabB] = await devices.twoTabs('added');
    const id = crypto.randomUUID();
    const page = [wire('client', id, { ...makeClient({ lastName: 'Korhonen' }) }, '2026-01-01T00:00:00Z', 7)];
    betweenReadAndWrite(tabA, async () => {
      await applyServerRecords(tabB, page, 7);
      await updateClient(tabB, id, { phone: '044 555 6666' });
    });
    await applyServerRecords(tabA, page, 7);
    expect((await getClient(tabA, id))?.fields).toMatchObject({ lastName: 'Korhonen', phone: '044 555 6666' });
    expect(await readCursor(tabA)).toBe(7);
  });

  it('on a first sync, merges a record the device already holds instead of replacing it', async () => {
    const db = await device(`first-${Math.random()}`, await testDataKey());
    // Written on this device before its first sync, pushed, and now pulled back with another device's later phone.
    const id = await createClient(db, makeClient({ lastName: 'Local', phone: '040 111 2222' }));
    await applyServerRecords(db, [wire('client', id, { phone: '050 999 8888' }, '2099-01-01T00:00:00Z', 3)], 3, { firstSync: true });
    expect((await getClient(db, id))?.fields).toMatchObject({ lastName: 'Local', phone: '050 999 8888' });
    expect(await readCursor(db)).toBe(3);
  });

  it('is heard by live queries, which read the new rows', async () => {
    const db = await device(`live-${Math.random()}`, await testDataKey());
    const clientId = await createClient(db, makeClient());
    const heard = new Promise<number>((resolve, reject) => {
      const subscription = liveQuery(async () => (await noteRowsOf(db, clientId)).length).subscribe({
        next: (count) => {
          if (count === 2) {
            subscription.unsubscribe();
            resolve(count);
          }
        },
        error: reject,
      });
    });
    const note = (text: string, seq: number) => {
      const id = crypto.randomUUID();
      return wire('note', id, { ...makeNote({ text }), clientId, rootId: id, supersedesId: null }, '2026-11-30T09:00:00Z', seq);
    };
    await applyServerRecords(db, [note('first', 1), note('second', 2)], 2, { firstSync: true });
    expect(await heard).toBe(2);
  });

  it('names every key and index value of a large page to live queries (as ranges), in a page small or large', async () => {
    const db = await device(`parts-${Math.random()}`, await testDataKey());
    const heard: ObservabilitySet[] = [];
    const listen = (parts: ObservabilitySet) => void heard.push(parts);
    Dexie.on('storagemutated', listen);
    try {
      for (const size of [3, 200]) {
        heard.length = 0;
        const notes = Array.from({ length: size }, (_, i) => {
          const id = crypto.randomUUID();
          return wire('note', id, { ...makeNote({ text: `n${i}` }), clientId: crypto.randomUUID(), rootId: id, supersedesId: null }, '2026-11-30T09:00:00Z', i + 1);
        });
        await applyServerRecords(db, notes, size, { firstSync: true });
        const part = (name: string) => RangeSet(heard.find((p) => p[`idb://${db.name}/notes/${name}`] !== undefined)?.[`idb://${db.name}/notes/${name}`] ?? new RangeSet());
        for (const n of notes) {
          expect(part('').hasKey(n.id)).toBe(true);
          expect(part(':dels').hasKey(n.id)).toBe(true);
          expect(part('clientId').hasKey(n.data['clientId'] as string)).toBe(true);
        }
      }
    } finally {
      Dexie.on('storagemutated').unsubscribe(listen);
    }
  });
});
