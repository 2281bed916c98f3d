/**
 * The data subject's rights (issue #5, item 7) on both stores: export everything held about a client, and erase
 * it so that every device that pulls gets tombstones without content and nothing can be written for the client
 * again. The routes' status codes are checked over HTTP with a stand-in actor hook, as in auditRoutes.test.ts.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { clientRightsRoutes } from '#server/routes/clientRights.ts';
import { handleError } from '#server/routes/replies.ts';
import type { AccountActor } from '#server/services/actor.ts';
import { assignStaff, unassignStaff } from '#server/services/assignments.ts';
import { checkAccess } from '#server/services/checkAccess.ts';
import { computePull } from '#server/services/computePull.ts';
import { eraseClient, exportClient } from '#server/services/clientRights.ts';
import type { Store } from '#server/store/types.ts';
import type { Role } from '#shared/schema/auth.ts';
import { clientExport, erasureResponse } from '#shared/schema/clientRights.ts';
import { PROTOCOL_VERSION } from '#shared/schema/sync.ts';
import { clientData, noteData } from '../fixtures/serverEntries.ts';
import { accountActor, assign, newDevice, pullAllAs, pushAs, seedClient, staffAccount, type ClientFixture } from './support/access.ts';
import { migratedStore, storeKinds, type TestDatabase } from './support/stores.ts';

const ACTOR_HEADER = 'x-test-actor';

describe.each(storeKinds)('data subject rights on %s', (kind) => {
  let store: Store;
  let db: TestDatabase;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let own: ClientFixture;
  let other: ClientFixture;
  const counsellor = accountActor('counsellor');
  const colleague = accountActor('counsellor', { municipalities: ['kyrkslatt', 'sjundea'] });
  const actors = new Map<string, AccountActor>();

  beforeAll(async () => {
    ({ store, db, close } = await migratedStore(kind));
    own = await seedClient(store, db, 'kyrkslatt', 'Virtanen');
    other = await seedClient(store, db, 'sjundea', 'Nieminen');
    actors.set('counsellor', counsellor);
    actors.set('sjundea', accountActor('counsellor', { municipalities: ['sjundea'] }));
    for (const role of ['partner', 'coordinator', 'admin'] as const satisfies readonly Role[]) actors.set(role, accountActor(role));
    actors.set('client', accountActor('client', { municipalities: [], clientId: own.clientId }));
    const staff = await staffAccount(store);
    await assign(store, own.clientId, staff.accountId);
    actors.set('staff', staff);
    app = Fastify();
    app.setErrorHandler(handleError);
    app.decorateRequest('actor', null);
    app.addHook('onRequest', (request, _reply, next) => {
      request.actor = actors.get(String(request.headers[ACTOR_HEADER])) ?? null;
      next();
    });
    await app.register(clientRightsRoutes, { store });
  });
  afterAll(async () => {
    await app.close();
    await close();
  });

  const auditRows = (clientId: string, action: string) => db.sql(`SELECT record_id, account_id FROM audit_log WHERE client_id = '${clientId}' AND action = '${action}'`);

  it('exports the client, its notes and its conflicts to a counsellor who serves the municipality, and logs each record', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/clients/${other.clientId}/export`, headers: { [ACTOR_HEADER]: 'sjundea' } });
    expect(response.statusCode).toBe(200);
    const exported = clientExport.parse(response.json());
    expect(exported.records[0]).toMatchObject({ type: 'client', id: other.clientId, data: { lastName: 'Nieminen' } });
    expect(exported.records.map((r) => r.id).sort()).toEqual([other.clientId, other.noteId, other.conflictId].sort());
    const logged = await auditRows(other.clientId, 'export');
    expect(logged.map((r) => r['record_id']).sort()).toEqual([other.clientId, other.noteId, other.conflictId].sort());
    expect(new Set(logged.map((r) => r['account_id']))).toEqual(new Set([actors.get('sjundea')?.accountId]));
  });

  it.each(['counsellor', 'staff', 'partner', 'coordinator', 'admin', 'client'])('refuses %s an export or erasure of a client outside their reach', async (who) => {
    // `counsellor` serves Kyrkslätt only; the others have no right to act on any client's data as a whole.
    const clientId = who === 'counsellor' ? other.clientId : own.clientId;
    for (const [method, action] of [['GET', 'export'], ['POST', 'erase']] as const) {
      const response = await app.inject({ method, url: `/api/clients/${clientId}/${action}`, headers: { [ACTOR_HEADER]: who } });
      expect(response.statusCode, `${who} ${action}`).toBe(403);
      expect(response.json()).toEqual({ code: 'forbidden' });
    }
    const pulled = await pullAllAs(store, colleague);
    expect(pulled.records.filter((r) => r.deleted !== null)).toEqual([]);
  });

  it('answers an unknown or malformed client id as it answers one out of reach', async () => {
    for (const id of [uuidv7(), own.noteId, 'not-an-id']) {
      const response = await app.inject({ method: 'GET', url: `/api/clients/${id}/export`, headers: { [ACTOR_HEADER]: 'counsellor' } });
      expect(response.statusCode).toBe(403);
    }
  });

  it('erases every record of the client into tombstones that every device pulls, and refuses any later write for it', async () => {
    const colleagueBefore = await pullAllAs(store, colleague);
    const response = await app.inject({ method: 'POST', url: `/api/clients/${own.clientId}/erase`, headers: { [ACTOR_HEADER]: 'counsellor' } });
    expect(response.statusCode).toBe(200);
    expect(erasureResponse.parse(response.json())).toEqual({ erased: 3 });

    // What a colleague's tablet pulls next: the three records, each a tombstone with no content left.
    const after = await pullAllAs(store, colleague, colleagueBefore.cursor);
    expect(after.records.map((r) => r.id).sort()).toEqual([own.clientId, own.noteId, own.conflictId].sort());
    for (const r of after.records) {
      expect(r.deleted).not.toBeNull();
      expect(r.data).toEqual({});
      expect(r.stamp).toBeUndefined();
      expect(r.stamps).toEqual({});
    }
    const stored = await db.sql(`SELECT data FROM records WHERE client_id = '${own.clientId}'`);
    expect(stored.map((r) => JSON.stringify(r['data']))).not.toContain(expect.stringContaining('Virtanen'));
    expect(stored.every((r) => JSON.stringify(typeof r['data'] === 'string' ? JSON.parse(r['data']) : r['data']) === '{}')).toBe(true);
    expect((await auditRows(own.clientId, 'erase')).map((r) => r['record_id']).sort()).toEqual([own.clientId, own.noteId, own.conflictId].sort());

    // A tablet that was offline during the erasure pushes what it wrote for the client: all refused, none stored.
    const tablet = newDevice();
    const note = tablet.insert('note', noteData(own.clientId));
    const edit = tablet.set('client', own.clientId, { email: 'late@example.com' }, {});
    const results = await pushAs(store, counsellor, [note, edit], tablet.deviceId);
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'clientErased'],
      ['rejected', 'clientErased'],
    ]);
    expect(await db.sql(`SELECT id FROM records WHERE id = '${note.recordId}'`)).toEqual([]);
  });

  it('exports nothing of an erased client, and a second erasure changes nothing', async () => {
    const exported = await exportClient(store, counsellor, own.clientId);
    expect(exported.ok && exported.value.records).toEqual([]);
    const again = await eraseClient(store, counsellor, own.clientId);
    expect(again).toEqual({ ok: true, value: { erased: 0 } });
  });

  it('leaves other clients as they were', async () => {
    const { records } = await pullAllAs(store, colleague);
    const live = records.filter((r) => r.deleted === null).map((r) => r.id);
    expect(live).toEqual(expect.arrayContaining([other.clientId, other.noteId]));
    const fresh = newDevice();
    const results = await pushAs(store, colleague, [fresh.insert('client', clientData({ homeMunicipality: 'sjundea' }))], fresh.deviceId);
    expect(results[0]?.status).toBe('applied');
  });
});

describe.each(storeKinds)('the access check on %s', (kind) => {
  let store: Store;
  let db: TestDatabase;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ store, db, close } = await migratedStore(kind));
  });
  afterAll(async () => {
    await close();
  });

  it('names the held clients an account may no longer read, and never one the server does not know', async () => {
    const kept = await seedClient(store, db, 'kyrkslatt', 'Kept');
    const unassigned = await seedClient(store, db, 'kyrkslatt', 'Unassigned');
    const moved = await seedClient(store, db, 'kyrkslatt', 'Moved');
    const staff = await staffAccount(store);
    for (const c of [kept, unassigned]) await assign(store, c.clientId, staff.accountId);
    const counsellor = accountActor('counsellor', { municipalities: ['kyrkslatt'] });
    const both = accountActor('counsellor', { municipalities: ['kyrkslatt', 'sjundea'] });
    const mover = newDevice();
    expect((await pushAs(store, both, [mover.set('client', moved.clientId, { homeMunicipality: 'sjundea' }, {})], mover.deviceId))[0]?.status).toBe('applied');
    await store.write((tx) => tx.removeAssignment(unassigned.clientId, staff.accountId));
    const notPushedYet = uuidv7();
    const held = [kept.clientId, unassigned.clientId, moved.clientId, notPushedYet];

    const unreadableTo = async (actor: AccountActor) => (await checkAccess(store, actor, held)).unreadable.sort();
    expect(await unreadableTo(staff)).toEqual([unassigned.clientId, moved.clientId].sort());
    expect(await unreadableTo(counsellor)).toEqual([moved.clientId]);
    expect(await unreadableTo(both)).toEqual([]);
  });

  it("changes the pull's access version when access may have narrowed, and only then", async () => {
    const client = await seedClient(store, db, 'kyrkslatt', 'Versioned');
    const staff = await staffAccount(store);
    const counsellor = accountActor('counsellor', { municipalities: ['kyrkslatt'] });
    const both = accountActor('counsellor', { municipalities: ['sjundea', 'kyrkslatt'] });
    const versionOf = async (actor: AccountActor) => (await computePull(store, actor, { v: PROTOCOL_VERSION, cursor: 0, limit: 1, count: true })).accessVersion;
    const versions = async () => Promise.all([counsellor, both, staff].map(versionOf));

    const start = await versions();
    expect(new Set(start).size).toBe(3);
    // The same scope listed in another order is the same scope.
    expect(await versionOf(accountActor('counsellor', { municipalities: ['kyrkslatt', 'sjundea'] }))).toBe(start[1]);

    const device = newDevice();
    const added = device.insert('client', clientData({ homeMunicipality: 'sjundea' }));
    const results = await pushAs(store, both, [added, device.insert('note', noteData(client.clientId)), device.set('client', client.clientId, { phone: '+358401234567' }, {})], device.deviceId);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect((await assignStaff(store, counsellor, { clientId: client.clientId, accountId: staff.accountId })).ok).toBe(true);
    expect(await versions()).toEqual(start);

    expect((await unassignStaff(store, counsellor, { clientId: client.clientId, accountId: staff.accountId })).ok).toBe(true);
    const afterUnassign = await versions();
    afterUnassign.forEach((v, i) => expect(v).not.toBe(start[i]));
    // Taking back an assignment that no longer exists narrows nothing.
    await unassignStaff(store, counsellor, { clientId: client.clientId, accountId: staff.accountId });
    expect(await versions()).toEqual(afterUnassign);

    const moved = await pushAs(store, both, [device.set('client', client.clientId, { homeMunicipality: 'sjundea' }, {})], device.deviceId);
    expect(moved[0]?.status).toBe('applied');
    const afterMove = await versions();
    afterMove.forEach((v, i) => expect(v).not.toBe(afterUnassign[i]));
  });
});
