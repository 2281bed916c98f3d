import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflictFields } from '#shared/schema/conflict.ts';
import type { WireRecord } from '#shared/schema/sync.ts';
import { unpackStamps } from '#shared/sync/packedStamps.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { storeKinds } from './support/stores.ts';
import { clientData, noteData, TestDevice } from '../fixtures/serverEntries.ts';

const conflicts = (records: readonly WireRecord[]) => records.filter((r) => r.type === 'conflict');
const stampsOf = (record: WireRecord | undefined) => (record === undefined ? {} : unpackStamps(record.data, record));

describe.each(storeKinds)('merge rules on %s', (kind) => {
  let t: TestApp;
  // B's clock runs ahead of A's, so B's edits carry the higher stamps and win.
  const a = new TestDevice('aaaaaaaaaaaaaaaa', 1_750_000_000_000);
  const b = new TestDevice('bbbbbbbbbbbbbbbb', 1_760_000_000_000);
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['the loser arrives first', 'loserFirst'],
    ['the winner arrives first', 'winnerFirst'],
  ])('keeps a concurrent edit that lost as one conflict record (%s)', async (_name, order) => {
    const insert = a.insert('client', clientData());
    await t.push(a.push([insert]));
    const from = await t.store.lastSeq();
    // Both devices saw the insert, then changed the phone number offline.
    const fromA = a.set('client', insert.recordId, { phone: '+358 40 111 1111' }, { phone: insert.hlc });
    const fromB = b.set('client', insert.recordId, { phone: '+358 40 222 2222' }, { phone: insert.hlc });
    const pushes = order === 'loserFirst' ? [a.push([fromA]), b.push([fromB])] : [b.push([fromB]), a.push([fromA])];
    for (const body of pushes) expect((await t.push(body)).results[0]?.status).toBe('applied');
    // Retrying both changes nothing: still exactly one conflict.
    for (const body of pushes) expect((await t.push(body)).results[0]?.status).toBe('duplicate');

    const records = await t.pullAll(from);
    expect(records.find((r) => r.id === insert.recordId)?.data['phone']).toBe('+358 40 222 2222');
    const found = conflicts(records);
    expect(found).toHaveLength(1);
    const conflict = found[0];
    expect(conflictFields.parse(conflict?.data)).toEqual({
      recordType: 'client',
      recordId: insert.recordId,
      clientId: insert.recordId,
      field: 'phone',
      loserValue: '+358 40 111 1111',
      loserHlc: fromA.hlc,
      winnerHlc: fromB.hlc,
      resolution: 'open',
    });
    expect(new Set(Object.values(stampsOf(conflict)))).toEqual(new Set([fromB.hlc]));
    expect(Object.keys(stampsOf(conflict)).sort()).toEqual(Object.keys(conflict?.data ?? {}).sort());
  });

  it('makes no conflict when the second edit had seen the first', async () => {
    const insert = a.insert('client', clientData());
    const first = a.set('client', insert.recordId, { status: 'assessment' }, { status: insert.hlc });
    await t.push(a.push([insert, first]));
    const from = await t.store.lastSeq();
    const later = b.set('client', insert.recordId, { status: 'plan' }, { status: first.hlc });
    expect((await t.push(b.push([later]))).results).toEqual([{ id: later.id, status: 'applied' }]);
    const records = await t.pullAll(from);
    expect(records.map((r) => [r.type, r.data['status']])).toEqual([['client', 'plan']]);
  });

  it('rejects an edit of a deleted record and keeps it deleted', async () => {
    const insert = a.insert('client', clientData());
    const del = a.delete('client', insert.recordId);
    await t.push(a.push([insert, del]));
    const from = await t.store.lastSeq();
    const edit = b.set('client', insert.recordId, { lastName: 'Saar' }, { lastName: insert.hlc });
    expect((await t.push(b.push([edit]))).results).toEqual([{ id: edit.id, status: 'rejected', code: 'recordDeleted' }]);
    expect(await t.store.lastSeq()).toBe(from);
    const page = await t.pull(from - 1);
    expect(page.records).toEqual([{ type: 'client', id: insert.recordId, data: {}, stamps: {}, deleted: del.hlc, seq: from }]);
  });

  it('rejects a change to an append-only note and keeps the note as written', async () => {
    const client = a.insert('client', clientData());
    const note = a.insert('note', noteData(client.recordId));
    await t.push(a.push([client, note]));
    const from = await t.store.lastSeq();
    const edit = a.set('note', note.recordId, { durationMinutes: 90 }, { durationMinutes: note.hlc });
    expect((await t.push(a.push([edit]))).results).toEqual([{ id: edit.id, status: 'rejected', code: 'appendOnly' }]);
    expect(await t.store.lastSeq()).toBe(from);
    const stored = (await t.pullAll(0)).find((r) => r.id === note.recordId);
    expect(stored?.data).toEqual(note.data);
  });

  it('lets a device settle a conflict but not write one or change what it records', async () => {
    const insert = a.insert('client', clientData());
    await t.push(a.push([insert]));
    await t.push(a.push([a.set('client', insert.recordId, { email: 'a@example.com' }, { email: insert.hlc })]));
    const from = await t.store.lastSeq();
    await t.push(b.push([b.set('client', insert.recordId, { email: 'b@example.com' }, { email: insert.hlc })]));
    const conflict = conflicts(await t.pullAll(from))[0];
    if (conflict === undefined) throw new Error('expected a conflict record');
    const stamp = stampsOf(conflict)['resolution'] ?? '';

    const forged = a.insert('conflict', { ...conflict.data, recordId: insert.recordId });
    const rewrite = a.set('conflict', conflict.id, { loserValue: 'x@example.com' }, { loserValue: stamp });
    const settle = b.set('conflict', conflict.id, { resolution: 'keptCurrent' }, { resolution: stamp });
    expect((await t.push(b.push([forged, rewrite, settle]))).results).toEqual([
      { id: forged.id, status: 'rejected', code: 'forbidden' },
      { id: rewrite.id, status: 'rejected', code: 'forbidden' },
      { id: settle.id, status: 'applied' },
    ]);
    const after = (await t.pullAll(from)).filter((r) => r.type === 'conflict');
    expect(after.map((r) => [r.id, r.data['resolution'], r.data['loserValue']])).toEqual([[conflict.id, 'keptCurrent', 'a@example.com']]);
  });

  it('refuses to turn a record of one type into another', async () => {
    const client = a.insert('client', clientData());
    await t.push(a.push([client]));
    const asNote = a.insert('note', noteData(client.recordId), client.recordId);
    expect((await t.push(a.push([asNote]))).results).toEqual([{ id: asNote.id, status: 'rejected', code: 'badRequest' }]);
  });
});
