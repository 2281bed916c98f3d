/**
 * commitWrite prepares a write before its transaction (built on the record as this tab last read it, stamped
 * ahead, sealed) and the transaction only checks and writes. These are the cases where what it prepared on has
 * moved meanwhile, and the live queries that must still hear of a write Dexie did not make.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { liveQuery } from 'dexie';
import { createClient, getClient, updateClient } from '#client/db/clientsRepo.ts';
import { addNote, noteRowsOf } from '#client/db/notesRepo.ts';
import { oldestUnsynced } from '#client/db/changeLog.ts';
import { makeClient, makeNote } from '../fixtures/builders.ts';
import { openedDevices, testDataKey } from '../fixtures/dataKey.ts';

const devices = openedDevices();
const device = devices.open;
afterEach(async () => {
  vi.restoreAllMocks();
  await devices.closeAll();
});

describe('a write prepared ahead of its transaction', () => {
  it('is built again on the row another tab wrote since this tab last read the record', async () => {
    const [tabA, tabB] = await devices.twoTabs('rows');
    const id = await createClient(tabA, makeClient({ phone: '040 111 2222' }));
    await updateClient(tabB, id, { lastName: 'Lindqvist' });
    // Tab A still holds the record as it wrote it, without B's change: its write must not undo B's.
    await updateClient(tabA, id, { phone: '050 333 4444' });
    expect((await getClient(tabA, id))?.fields).toMatchObject({ lastName: 'Lindqvist', phone: '050 333 4444' });
    expect((await oldestUnsynced(tabA, 10)).map((e) => e.op)).toEqual(['insert', 'set', 'set']);
  });

  it('is stamped after what another tab of the device wrote since this tab last saw the clock', async () => {
    const [tabA, tabB] = await devices.twoTabs('tabs');
    // One wall-clock millisecond for every write: only the clock's counter tells the stamps apart.
    vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-11-30T12:00:00Z'));
    const clientId = await createClient(tabA, makeClient());
    for (let i = 0; i < 3; i += 1) {
      await addNote(tabB, clientId, makeNote({ text: `from B ${i}` }));
      await addNote(tabA, clientId, makeNote({ text: `from A ${i}` }));
    }
    const stamps = (await oldestUnsynced(tabA, 100)).map((e) => e.hlc);
    expect(stamps).toHaveLength(7);
    expect(new Set(stamps).size).toBe(7);
    expect([...stamps].sort()).toEqual(stamps);
  });

  it('is heard by live queries, which read the new row', async () => {
    const db = await device(`live-${Math.random()}`, await testDataKey());
    const clientId = await createClient(db, makeClient());
    const counts: number[] = [];
    const heard = new Promise<void>((resolve, reject) => {
      const subscription = liveQuery(async () => (await noteRowsOf(db, clientId)).length).subscribe({
        next: (count) => {
          counts.push(count);
          if (count === 1) {
            subscription.unsubscribe();
            resolve();
          }
        },
        error: reject,
      });
    });
    await addNote(db, clientId, makeNote({ text: 'seen' }));
    await heard;
    expect(counts.at(-1)).toBe(1);
  });
});
