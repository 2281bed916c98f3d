import { setImmediate } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';
import { storeKinds } from './support/stores.ts';
import { clientData, TestDevice } from '../fixtures/serverEntries.ts';
import { PROTOCOL_VERSION } from '#shared/schema/sync.ts';
import { unpackStamps } from '#shared/sync/packedStamps.ts';

describe.each(storeKinds)('pull on %s', (kind) => {
  let t: TestApp;
  let inserted: string[];
  const device = new TestDevice('d0d0d0d0d0d0d0d0');
  beforeAll(async () => {
    t = await startTestApp(kind);
    const entries = Array.from({ length: 30 }, (_, i) => device.insert('client', clientData({ firstNames: `Person ${i}` })));
    await t.push(device.push(entries));
    inserted = entries.map((e) => e.recordId);
  });
  afterAll(async () => {
    await t.close();
  });

  it('pages 30 records 7 at a time, each exactly once in seq order, with `remaining` counting down', async () => {
    const seen: string[] = [];
    const seqs: number[] = [];
    const remaining: number[] = [];
    let cursor = 0;
    for (let more = true; more; ) {
      const page = await t.pull(cursor, 7);
      expect(page.records.length).toBe(Math.min(7, 30 - seen.length));
      seen.push(...page.records.map((r) => r.id));
      seqs.push(...page.records.map((r) => r.seq));
      remaining.push(page.remaining ?? -1);
      expect(page.cursor).toBe(page.records.at(-1)?.seq);
      expect(page.more).toBe(remaining.at(-1) !== 0);
      ({ cursor, more } = page);
    }
    expect(seen).toEqual(inserted);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(30);
    expect(remaining).toEqual([23, 16, 9, 2, 0]);
  });

  it('counts `remaining` only when asked; the last page says 0 either way', async () => {
    const counted = await t.pull(0, 7, true);
    const uncounted = await t.pull(0, 7, false);
    expect(counted.remaining).toBe(23);
    expect(uncounted).not.toHaveProperty('remaining');
    expect({ ...uncounted, remaining: counted.remaining }).toEqual(counted);
    const head = await t.pull(0, 28, false);
    expect(head.more).toBe(true);
    const last = await t.pull(head.cursor, 7, false);
    expect(last).toMatchObject({ more: false, remaining: 0 });
    expect(last.records.length).toBe(2);
  });

  it('refuses a `count` that is not a yes or a no', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/sync/pull', query: { v: String(PROTOCOL_VERSION), cursor: '0', count: 'perhaps' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'badRequest' });
  });

  it('moves an edited record to the end of the order, so a device that pulled it before gets it again', async () => {
    const first = await t.pull(0, 1000);
    const target = first.records[3];
    if (target === undefined) throw new Error('no record');
    const edit = device.set('client', target.id, { status: 'plan' }, { status: unpackStamps(target.data, target)['status'] ?? '' });
    await t.push(device.push([edit]));
    const next = await t.pull(first.cursor, 1000);
    expect(next.records.map((r) => [r.id, r.data['status']])).toEqual([[target.id, 'plan']]);
    expect(next.records[0]?.seq).toBeGreaterThan(first.cursor);
  });

  it('never skips a record that commits while a device is pulling', async () => {
    let cursor = await t.store.lastSeq();
    const seen = new Set<string>();
    const pullOnce = async () => {
      const page = await t.pull(cursor, 25);
      for (const r of page.records) seen.add(r.id);
      cursor = page.cursor;
      return page.more;
    };
    // Eight devices push at once (on PostgreSQL in parallel transactions) while a ninth keeps pulling.
    const devices = Array.from({ length: 8 }, (_, k) => new TestDevice(`e${k}`.padEnd(16, '0')));
    const expected: string[] = [];
    let pushing = true;
    const puller = (async () => {
      while (pushing) {
        await pullOnce();
        // inject() on SQLite can finish without leaving the microtask queue; let the pushes run in between.
        await setImmediate();
      }
    })();
    try {
      await Promise.all(
        devices.map(async (d) => {
          for (let round = 0; round < 5; round++) {
            const entries = Array.from({ length: 10 }, () => d.insert('client', clientData()));
            expected.push(...entries.map((e) => e.recordId));
            await t.push(d.push(entries));
          }
        }),
      );
    } finally {
      pushing = false;
      await puller;
    }
    while (await pullOnce());
    expect(seen.size).toBe(expected.length);
    for (const id of expected) expect(seen.has(id)).toBe(true);
  });

  it('answers a cursor at or beyond the end with an empty page and the same cursor', async () => {
    const last = await t.store.lastSeq();
    for (const cursor of [last, last + 1000]) {
      const { accessVersion, ...page } = await t.pull(cursor, 7);
      expect(page).toEqual({ v: PROTOCOL_VERSION, records: [], cursor, more: false, remaining: 0 });
      expect(accessVersion).not.toBe('');
    }
  });
});
