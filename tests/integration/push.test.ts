import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { systemActor } from '#server/services/actor.ts';
import { applyPush } from '#server/services/applyPush.ts';
import { computePull } from '#server/services/computePull.ts';
import { clientFields } from '#shared/schema/client.ts';
import { PROTOCOL_VERSION, type ChangeEntry } from '#shared/schema/sync.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { storeKinds } from './support/stores.ts';
import { clientData, noteData, TestDevice } from '../fixtures/serverEntries.ts';

describe.each(storeKinds)('push on %s', (kind) => {
  let t: TestApp;
  const device = new TestDevice('a1a1a1a1a1a1a1a1');
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('round-trips a client and a note through push and pull', async () => {
    const from = await t.store.lastSeq();
    const client = device.insert('client', clientData({ lastName: 'Nguyễn', firstNames: 'Thị Lan' }));
    const note = device.insert('note', noteData(client.recordId));
    const { results } = await t.push(device.push([client, note]));
    expect(results).toEqual([
      { id: client.id, status: 'applied' },
      { id: note.id, status: 'applied' },
    ]);

    const page = await t.pull(from);
    expect(page).toMatchObject({ v: PROTOCOL_VERSION, cursor: from + 2, more: false, remaining: 0 });
    // Every field of a record written at once carries the insert's stamp: the wire names it once (packedStamps.ts).
    expect(page.records).toEqual([
      { type: 'client', id: client.recordId, data: client.data, stamp: client.hlc, stamps: {}, deleted: null, seq: from + 1 },
      { type: 'note', id: note.recordId, data: note.data, stamp: note.hlc, stamps: {}, deleted: null, seq: from + 2 },
    ]);
    expect(clientFields.safeParse(page.records[0]?.data).success).toBe(true);
  });

  it('applies an entry once however often it is pushed', async () => {
    const client = device.insert('client', clientData());
    const edit = device.set('client', client.recordId, { status: 'assessment' }, { status: client.hlc });
    const note = device.insert('note', noteData(client.recordId));
    const badEdit = device.set('note', note.recordId, { text: 'Changed afterwards.' }, { text: note.hlc });
    const batch = device.push([client, edit, note, badEdit]);
    const from = await t.store.lastSeq();

    const first = await t.push(batch);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'rejected']);
    const seqAfterFirst = await t.store.lastSeq();
    const stored = await t.pullAll(from);
    expect(stored.map((r) => r.id)).toEqual([client.recordId, note.recordId]);

    for (let retry = 0; retry < 2; retry++) {
      const again = await t.push(batch);
      expect(again.results).toEqual([
        { id: client.id, status: 'duplicate' },
        { id: edit.id, status: 'duplicate' },
        { id: note.id, status: 'duplicate' },
        // A rejected entry hears the same rejection on every retry.
        { id: badEdit.id, status: 'rejected', code: 'appendOnly' },
      ]);
    }
    expect(await t.store.lastSeq()).toBe(seqAfterFirst);
    expect(await t.pullAll(from)).toEqual(stored);
    const ids = [client.id, edit.id, note.id, badEdit.id].map((id) => `'${id}'`).join(',');
    expect(await t.db.sql(`SELECT entry_id FROM applied_changes WHERE entry_id IN (${ids})`)).toHaveLength(4);
  });

  it('answers the second copy of an entry inside one batch as a duplicate', async () => {
    const client = device.insert('client', clientData());
    const { results } = await t.push(device.push([client, client]));
    expect(results).toEqual([
      { id: client.id, status: 'applied' },
      { id: client.id, status: 'duplicate' },
    ]);
  });

  it('applies a batch of 100 entries in one transaction, in order, several touching one record', async () => {
    const client = device.insert('client', clientData());
    const entries: ChangeEntry[] = [client];
    let addressStamp = client.hlc;
    for (let i = 1; i < 100; i++) {
      if (i % 2 === 0) {
        entries.push(device.insert('client', clientData({ firstNames: `Client ${i}` })));
      } else {
        const edit = device.set('client', client.recordId, { address: `Ervastintie ${i}, 02400 Kirkkonummi` }, { address: addressStamp });
        addressStamp = edit.hlc;
        entries.push(edit);
      }
    }
    const from = await t.store.lastSeq();
    const before = t.store.writeTransactions;
    const { results } = await t.push(device.push(entries));
    expect(t.store.writeTransactions - before).toBe(1);
    expect(results.map((r) => r.id)).toEqual(entries.map((e) => e.id));
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    const records = await t.pullAll(from);
    // One client edited 50 times plus 49 new clients: each changed record is written once, with the last edit.
    expect(records).toHaveLength(50);
    expect(records.find((r) => r.id === client.recordId)?.data['address']).toBe('Ervastintie 99, 02400 Kirkkonummi');
    expect(conflictsIn(records)).toHaveLength(0);
  });

  it('stores nothing of a batch whose transaction fails halfway, and a retry then applies it', async () => {
    const entries = Array.from({ length: 100 }, (_, i) => device.insert('client', clientData({ firstNames: `Batch ${i}` })));
    const failing = entries[49]?.id ?? '';
    await t.db.sql(
      kind === 'sqlite'
        ? `CREATE TRIGGER fail_entry BEFORE INSERT ON applied_changes WHEN NEW.entry_id = '${failing}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`
        : `CREATE FUNCTION fail_entry() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.entry_id = '${failing}' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`,
    );
    if (kind === 'postgres') await t.db.sql('CREATE TRIGGER fail_entry BEFORE INSERT ON applied_changes FOR EACH ROW EXECUTE FUNCTION fail_entry()');
    const from = await t.store.lastSeq();
    try {
      const response = await t.inject({ method: 'POST', url: '/api/sync/push', payload: device.push(entries) }, device.deviceId);
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ code: 'serverError' });
      expect(response.body).not.toContain('injected');
      // The records were written before the failing statement; the rollback must have taken them too.
      expect(await t.store.lastSeq()).toBe(from);
      expect(await t.pullAll(from)).toEqual([]);
      const ids = entries.map((e) => `'${e.id}'`).join(',');
      expect(await t.db.sql(`SELECT entry_id FROM applied_changes WHERE entry_id IN (${ids})`)).toEqual([]);
    } finally {
      await t.db.sql(kind === 'sqlite' ? 'DROP TRIGGER fail_entry' : 'DROP TRIGGER fail_entry ON applied_changes');
    }
    const retry = await t.push(device.push(entries));
    expect(retry.results.every((r) => r.status === 'applied')).toBe(true);
    expect(await t.pullAll(from)).toHaveLength(100);
  });

  it('keeps a delete before an insert of the same record that arrives later', async () => {
    // Only the system may delete a record the server has never seen: to an account, an unknown id is answered like
    // one out of its reach (see authorization.test.ts).
    const recordId = uuidv7();
    const del = device.delete('client', recordId);
    const from = await t.store.lastSeq();
    expect((await applyPush(t.store, systemActor, device.push([del]))).results).toEqual([{ id: del.id, status: 'applied' }]);
    const late = device.insert('client', clientData(), recordId);
    expect((await applyPush(t.store, systemActor, device.push([late]))).results).toEqual([{ id: late.id, status: 'rejected', code: 'recordDeleted' }]);
    const pulled = await computePull(t.store, systemActor, { v: PROTOCOL_VERSION, cursor: from, limit: 10, count: true });
    expect(pulled.records).toEqual([{ type: 'client', id: recordId, data: {}, stamps: {}, deleted: del.hlc, seq: from + 1 }]);
  });
});

function conflictsIn(records: readonly { type: string }[]) {
  return records.filter((r) => r.type === 'conflict');
}
