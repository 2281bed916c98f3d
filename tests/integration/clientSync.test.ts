/**
 * The real client sync code (data layer on fake-indexeddb, push, pull) against the real server over HTTP, on
 * both stores, through a network that loses, duplicates and cuts off messages. Nothing may be lost or applied twice.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '#server/app.ts';
import type { StoreKind } from '#server/store/types.ts';
import type { SiltaDb } from '#client/db/database.ts';
import { createClient, getClient, listClients, updateClient } from '#client/db/clientsRepo.ts';
import { addNote, listNoteVersions } from '#client/db/notesRepo.ts';
import { countUnsynced } from '#client/db/changeLog.ts';
import { listOpenConflicts, resolveConflict } from '#client/db/conflictsRepo.ts';
import { syncOnce } from '#client/sync/syncOnce.ts';
import { pullChanges } from '#client/sync/pullChanges.ts';
import { ACCESS_CHECK_MAX_AGE_MS } from '#client/sync/checkHeldClients.ts';
import { readAccessCheck, saveAccessCheck } from '#client/db/syncMeta.ts';
import { httpTransport } from '#client/sync/transport.ts';
import { ApiError } from '#client/platform/apiRequest.ts';
import { deviceId } from '#client/db/deviceClock.ts';
import { recordView } from '#client/db/viewEventsRepo.ts';
import { migratedStore, storeKinds, type TestDatabase } from './support/stores.ts';
import { createTestAccount, TEST_ACCOUNT } from './support/accounts.ts';
import { fetchWithSession, signInOverHttp } from '../support/signIn.ts';
import { makeClient, makeNote } from '../fixtures/builders.ts';
import { unlockedDb } from '../fixtures/dataKey.ts';

type FetchFault = 'none' | 'loseResponse' | 'loseRequest' | 'duplicate' | 'cutAfterFirstPull';

describe.each(storeKinds)('client sync against the server on %s', (kind: StoreKind) => {
  let app: FastifyInstance;
  let db: TestDatabase;
  let closeStore: () => Promise<void>;
  let baseUrl: string;
  const devices: SiltaDb[] = [];
  let fault: FetchFault = 'none';
  let requests = 0;
  let accessChecks = 0;

  /** Real HTTP, with one scripted fault applied to the next matching request. */
  const flakyFetch: typeof fetch = async (input, init) => {
    requests += 1;
    if ((input instanceof Request ? input.url : input.toString()).includes('/access-check')) accessChecks += 1;
    const current = fault;
    if (current === 'loseRequest') {
      fault = 'none';
      throw new TypeError('network down');
    }
    if (current === 'cutAfterFirstPull' && (input instanceof Request ? input.url : input.toString()).includes('/pull') && requests > 1) {
      fault = 'none';
      throw new TypeError('connection reset');
    }
    const response = await fetch(input, init);
    if (current === 'loseResponse') {
      fault = 'none';
      throw new TypeError('response lost');
    }
    if (current === 'duplicate') {
      fault = 'none';
      await fetch(input, init);
    }
    return response;
  };

  /** A tablet, unlocked: its records are sealed under its own data key, as on a real device. */
  const device = async () => {
    const d = await unlockedDb(`device-${kind}-${devices.length}-${Math.random()}`);
    devices.push(d);
    return d;
  };
  /** Each tablet signs in as itself (its own device id) before it syncs, as the app does. */
  const sessions = new Map<SiltaDb, Promise<string>>();
  const sessionCookie = (d: SiltaDb) => {
    let cookie = sessions.get(d);
    if (cookie === undefined) {
      cookie = deviceId(d).then(async (id) => (await signInOverHttp(baseUrl, { username: TEST_ACCOUNT.username, password: TEST_ACCOUNT.password, deviceId: id })).cookie);
      sessions.set(d, cookie);
    }
    return cookie;
  };
  const transport = (d: SiltaDb) => httpTransport(baseUrl, async (input, init) => fetchWithSession(await sessionCookie(d), flakyFetch)(input, init));
  const serverCount = async (sql: string) => Number(Object.values((await db.sql(sql))[0] ?? {})[0]);

  beforeAll(async () => {
    const migrated = await migratedStore(kind);
    db = migrated.db;
    closeStore = migrated.close;
    await createTestAccount(migrated.store);
    app = await buildApp({ store: migrated.store, config: { version: '0.0.0-test', signInsPerMinute: 10_000 } });
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterEach(async () => {
    fault = 'none';
    vi.useRealTimers();
    await Promise.all(devices.splice(0).map((d) => d.delete()));
  });

  afterAll(async () => {
    await app.close();
    await closeStore();
  });

  it('brings one tablet’s offline work to another', async () => {
    const a = await device();
    const b = await device();
    const clientId = await createClient(a, makeClient({ lastName: 'Tamm', motherTongue: 'et' }));
    await addNote(a, clientId, makeNote({ text: 'First meeting' }));
    await addNote(a, clientId, makeNote({ text: 'Second meeting' }));
    expect(await syncOnce(a, transport(a))).toMatchObject({ pushed: 3 });
    await syncOnce(b, transport(b));
    expect((await getClient(b, clientId))?.fields.lastName).toBe('Tamm');
    expect((await listNoteVersions(b, clientId)).map((n) => n.fields.text).sort()).toEqual(['First meeting', 'Second meeting']);
    expect(await countUnsynced(a)).toBe(0);
  });

  it('asks which of its clients it may still hold only when access may have narrowed, and once a day', async () => {
    const a = await device();
    const b = await device();
    const clientId = await createClient(b, makeClient({ lastName: 'Haddad', homeMunicipality: 'kyrkslatt' }));
    await syncOnce(b, transport(b));
    accessChecks = 0;
    await syncOnce(a, transport(a));
    await syncOnce(a, transport(a));
    expect(accessChecks).toBe(1);

    // A move is a possible loss of access for someone, so every device asks once (this account serves both).
    await updateClient(b, clientId, { homeMunicipality: 'sjundea' });
    await syncOnce(b, transport(b));
    accessChecks = 0;
    expect(await syncOnce(a, transport(a))).toMatchObject({ removed: 0 });
    await syncOnce(a, transport(a));
    expect(accessChecks).toBe(1);
    expect((await getClient(a, clientId))?.fields.homeMunicipality).toBe('sjundea');

    const mark = await readAccessCheck(a);
    if (mark === null) throw new Error('no access check remembered');
    await saveAccessCheck(a, { ...mark, at: mark.at - ACCESS_CHECK_MAX_AGE_MS });
    await syncOnce(a, transport(a));
    await syncOnce(a, transport(a));
    expect(accessChecks).toBe(2);
  });

  it('delivers views made offline to the audit log after the record they show, once each', async () => {
    const a = await device();
    const clientId = await createClient(a, makeClient({ lastName: 'Osman' }));
    await recordView(a, 'client', clientId, clientId);
    await recordView(a, 'client', clientId, clientId);
    const [first] = await a.viewEvents.toArray();
    fault = 'loseResponse';
    await expect(syncOnce(a, transport(a))).rejects.toBeInstanceOf(ApiError);
    await syncOnce(a, transport(a));
    expect(await a.viewEvents.count()).toBe(0);
    const rows = await db.sql(`select device_id, account_id, action, record_type from audit_log where record_id = '${clientId}' and action = 'view'`);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ device_id: await deviceId(a), action: 'view', record_type: 'client' });
    expect(await serverCount(`select count(*) from audit_log where id = '${first!.id}'`)).toBe(1);
  });

  it('applies a push exactly once when its response is lost and it is sent again', async () => {
    const a = await device();
    const clientId = await createClient(a, makeClient({ lastName: 'Ivanova' }));
    await updateClient(a, clientId, { phone: '+358 40 765 4321' });
    fault = 'loseResponse';
    await expect(syncOnce(a, transport(a))).rejects.toBeInstanceOf(ApiError);
    expect(await countUnsynced(a)).toBe(2);
    await syncOnce(a, transport(a));
    expect(await countUnsynced(a)).toBe(0);
    expect(await serverCount(`select count(*) from records where id = '${clientId}'`)).toBe(1);
    expect(await serverCount(`select count(*) from applied_changes where record_id = '${clientId}'`)).toBe(2);
  });

  it('has one effect when the network delivers a push twice, and none when it drops the request', async () => {
    const a = await device();
    const clientId = await createClient(a, makeClient({ lastName: 'Hassan' }));
    fault = 'loseRequest';
    await expect(syncOnce(a, transport(a))).rejects.toBeInstanceOf(ApiError);
    await addNote(a, clientId, makeNote({ text: 'Sent twice' }));
    fault = 'duplicate';
    await syncOnce(a, transport(a));
    expect(await serverCount(`select count(*) from applied_changes where record_id = '${clientId}'`)).toBe(1);
    const b = await device();
    await syncOnce(b, transport(b));
    expect((await listNoteVersions(b, clientId)).filter((n) => n.fields.text === 'Sent twice')).toHaveLength(1);
  });

  it('resumes an interrupted first sync from the last stored page, receiving every record once', async () => {
    const a = await device();
    for (let i = 0; i < 12; i += 1) await createClient(a, makeClient({ lastName: `Page${i}` }));
    await syncOnce(a, transport(a));
    const b = await device();
    requests = 0;
    fault = 'cutAfterFirstPull';
    await expect(pullChanges(b, transport(b), () => {}, 5)).rejects.toBeInstanceOf(ApiError);
    const partial = (await listClients(b)).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(12);
    await pullChanges(b, transport(b), () => {}, 5);
    const names = (await listClients(b)).map((c) => c.fields.lastName).filter((n) => n.startsWith('Page'));
    expect(names.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `Page${i}`).sort());
  });

  it('asks the server to count only at the first page of a sync, and shows progress against that count', async () => {
    const a = await device();
    for (let i = 0; i < 12; i += 1) await createClient(a, makeClient({ lastName: `Count${i}` }));
    await syncOnce(a, transport(a));
    const b = await device();
    const asked: boolean[] = [];
    const plain = transport(b);
    const counting = { ...plain, pull: (cursor: number, limit: number, count: boolean) => (asked.push(count), plain.pull(cursor, limit, count)) };
    const progress: { received: number; total: number }[] = [];
    const { received } = await pullChanges(b, counting, (p) => progress.push(p), 5);
    expect(asked).toEqual([true, ...Array<boolean>(asked.length - 1).fill(false)]);
    expect(asked.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual({ received, total: received });
    expect(progress.every((p) => p.total === received)).toBe(true);
  });

  it('keeps the losing edit of two tablets as a conflict that a person can settle, with a clock a day ahead', async () => {
    const a = await device();
    const b = await device();
    const clientId = await createClient(a, makeClient({ lastName: 'Nguyễn', phone: '' }));
    await syncOnce(a, transport(a));
    await syncOnce(b, transport(b));

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 24 * 3600 * 1000);
    await updateClient(b, clientId, { phone: '+358 50 000 0002' });
    vi.useRealTimers();
    await updateClient(a, clientId, { phone: '+358 40 000 0001' });

    await syncOnce(a, transport(a));
    await syncOnce(b, transport(b));
    await syncOnce(a, transport(a));
    // The tablet whose clock runs ahead wins the field; the other value is kept, not lost.
    for (const d of [a, b]) {
      expect((await getClient(d, clientId))?.fields.phone).toBe('+358 50 000 0002');
      const conflicts = await listOpenConflicts(d, clientId);
      expect(conflicts.map((c) => [c.fields.field, c.fields.loserValue])).toEqual([['phone', '+358 40 000 0001']]);
    }

    const [conflict] = await listOpenConflicts(a, clientId);
    await resolveConflict(a, conflict!, 'tookOther');
    // A's clock has seen B's stamp, so its choice is newer than the day-ahead edit and wins everywhere.
    await syncOnce(a, transport(a));
    await syncOnce(b, transport(b));
    for (const d of [a, b]) {
      expect((await getClient(d, clientId))?.fields.phone).toBe('+358 40 000 0001');
      expect(await listOpenConflicts(d, clientId)).toEqual([]);
    }
  });
});
