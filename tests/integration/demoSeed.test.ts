import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteTopics } from '#shared/domain/noteTopics.ts';
import { clientRecord } from '#shared/schema/client.ts';
import { noteFields } from '#shared/schema/note.ts';
import type { WireRecord } from '#shared/schema/sync.ts';
import { unpackStamps } from '#shared/sync/packedStamps.ts';
import { seedDemo } from '#server/services/demoSeed.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { migratedStore, storeKinds } from './support/stores.ts';

const NOW = new Date('2026-03-15T10:00:00.000Z');
const YEAR_AGO = Date.parse('2025-03-15T00:00:00.000Z');

describe.each(storeKinds)('demo seed on %s', (kind) => {
  let t: TestApp;
  let records: WireRecord[];
  beforeAll(async () => {
    t = await startTestApp(kind);
    const result = await seedDemo(t.store, { now: NOW });
    expect(result.seeded).toBe(true);
    records = await t.pullAll(0, 1000);
    expect(records).toHaveLength(result.clients + result.notes);
  });
  afterAll(async () => {
    await t.close();
  });

  it('makes about 40 valid clients in both municipalities, two thirds in Kyrkslätt', () => {
    const clients = records.filter((r) => r.type === 'client');
    expect(clients.length).toBeGreaterThanOrEqual(35);
    expect(clients.length).toBeLessThanOrEqual(45);
    for (const c of clients) expect(clientRecord('2026-03-15').safeParse(c.data).error?.issues ?? []).toEqual([]);
    const kyrkslatt = clients.filter((c) => c.data['homeMunicipality'] === 'kyrkslatt').length;
    expect(kyrkslatt / clients.length).toBeGreaterThan(0.55);
    expect(kyrkslatt / clients.length).toBeLessThan(0.75);
    const names = clients.map((c) => JSON.stringify([c.data['firstNames'], c.data['lastName']])).join('|');
    for (const name of ['Nguyễn', 'Öztürk', 'Šimkus']) expect(names).toContain(name);
    expect(new Set(clients.map((c) => c.data['motherTongue'])).size).toBeGreaterThanOrEqual(12);
  });

  it('gives each client 5–15 valid notes over the past year', () => {
    const clientIds = new Set(records.filter((r) => r.type === 'client').map((r) => r.id));
    const notes = records.filter((r) => r.type === 'note');
    const perClient = new Map<string, number>();
    for (const n of notes) {
      expect(noteFields.safeParse(n.data).error?.issues ?? []).toEqual([]);
      const data = noteFields.parse(n.data);
      expect(clientIds.has(data.clientId)).toBe(true);
      expect(Date.parse(data.occurredAt)).toBeGreaterThan(YEAR_AGO);
      expect(Date.parse(data.occurredAt)).toBeLessThan(NOW.getTime());
      if (data.supersedesId === null) {
        expect(data.rootId).toBe(n.id);
        perClient.set(data.clientId, (perClient.get(data.clientId) ?? 0) + 1);
      } else {
        expect(notes.some((o) => o.id === data.supersedesId)).toBe(true);
      }
    }
    expect(perClient.size).toBe(clientIds.size);
    for (const count of perClient.values()) expect(count).toBeGreaterThanOrEqual(5);
    for (const count of perClient.values()) expect(count).toBeLessThanOrEqual(15);
    const topics = new Set(notes.flatMap((n) => noteFields.parse(n.data).topics));
    expect(topics.size).toBeGreaterThan(noteTopics.length / 2);
  });

  it('is ordinary synced data: stamped by the demo device, every entry recorded', async () => {
    for (const r of records) {
      const stamps = Object.values(unpackStamps(r.data, r));
      expect(stamps.length).toBeGreaterThan(0);
      for (const stamp of stamps) expect(stamp).toMatch(/-5eed5eed5eed5eed$/);
    }
    const [{ n }] = (await t.db.sql("SELECT count(*) AS n FROM applied_changes WHERE device_id = '5eed5eed5eed5eed'")) as [{ n: unknown }];
    expect(Number(n)).toBe(records.length);
  });

  it('does nothing when run again', async () => {
    const last = await t.store.lastSeq();
    expect(await seedDemo(t.store, { now: new Date(NOW.getTime() + 3_600_000) })).toEqual({ seeded: false, clients: 0, notes: 0 });
    expect(await t.store.lastSeq()).toBe(last);
  });

  it('makes the same records from the same seed and day', async () => {
    const other = await migratedStore(kind);
    try {
      await seedDemo(other.store, { now: new Date(NOW.getTime() + 60_000) });
      const again = await other.store.read((tx) => tx.recordsAfter(0, 10_000, { kind: 'all' }));
      expect(again.map((r) => [r.id, r.data])).toEqual(records.map((r) => [r.id, r.data]));
    } finally {
      await other.close();
    }
  });
});
