/**
 * The audit and assignment routes over HTTP. Sign-in is another suite's business: here a stand-in hook sets the
 * request's actor from a test header, so the routes' parsing, status codes and CSV are tested on their own. One
 * test builds the real app to show the routes sit behind its authentication.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { buildApp } from '#server/app.ts';
import { assignmentRoutes } from '#server/routes/assignments.ts';
import { auditRoutes } from '#server/routes/audit.ts';
import { handleError } from '#server/routes/replies.ts';
import type { AccountActor } from '#server/services/actor.ts';
import type { Store } from '#server/store/types.ts';
import { auditEventsResponse, auditPage, MAX_AUDIT_EVENTS, type ViewEvent } from '#shared/schema/audit.ts';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '#shared/schema/auth.ts';
import { PROTOCOL_VERSION } from '#shared/schema/sync.ts';
import { accountActor, pullAllAs, seedClient, staffAccount, type ClientFixture } from './support/access.ts';
import { migratedStore, storeKinds, type TestDatabase } from './support/stores.ts';

const ACTOR_HEADER = 'x-test-actor';

async function appWithActors(store: Store, actors: ReadonlyMap<string, AccountActor>): Promise<FastifyInstance> {
  const app = Fastify();
  app.setErrorHandler(handleError);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', (request, _reply, done) => {
    request.actor = actors.get(String(request.headers[ACTOR_HEADER])) ?? null;
    done();
  });
  await app.register(auditRoutes, { store });
  await app.register(assignmentRoutes, { store });
  return app;
}

describe.each(storeKinds)('audit and assignment routes on %s', (kind) => {
  let store: Store;
  let db: TestDatabase;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let own: ClientFixture;
  const admin = accountActor('admin');
  const counsellor = accountActor('counsellor');
  const actors = new Map<string, AccountActor>([
    ['admin', admin],
    ['counsellor', counsellor],
    ['sjundea', accountActor('counsellor', { municipalities: ['sjundea'] })],
  ]);

  beforeAll(async () => {
    ({ store, db, close } = await migratedStore(kind));
    own = await seedClient(store, db, 'kyrkslatt');
    app = await appWithActors(store, actors);
  });
  afterAll(async () => {
    await app.close();
    await close();
  });

  const viewEvent = (overrides: Partial<ViewEvent> = {}): ViewEvent => ({
    id: uuidv7(),
    action: 'view',
    recordType: 'client',
    recordId: own.clientId,
    clientId: own.clientId,
    at: new Date().toISOString(),
    ...overrides,
  });
  const postEvents = (as: string, payload: unknown) => app.inject({ method: 'POST', url: '/api/audit/events', headers: { [ACTOR_HEADER]: as }, payload: payload as object });

  it('logs views and answers one result per event', async () => {
    const seen = viewEvent();
    const response = await postEvents('counsellor', { v: PROTOCOL_VERSION, events: [seen, viewEvent({ recordId: uuidv7() })] });
    expect(response.statusCode).toBe(200);
    expect(auditEventsResponse.parse(response.json()).results.map((r) => r.status)).toEqual(['logged', 'rejected']);
  });

  it('refuses malformed event requests whole, and asks an old app to update', async () => {
    const tooMany = Array.from({ length: MAX_AUDIT_EVENTS + 1 }, () => viewEvent());
    for (const payload of [
      { v: PROTOCOL_VERSION, events: tooMany },
      { v: PROTOCOL_VERSION, events: [{ ...viewEvent(), action: 'change' }] },
      { v: PROTOCOL_VERSION, events: [{ ...viewEvent(), at: '2026-01-02 03:04' }] },
      { v: PROTOCOL_VERSION, events: [{ ...viewEvent(), recordId: 'not-a-uuid' }] },
      { events: [] },
    ]) {
      const response = await postEvents('counsellor', payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ code: 'badRequest' });
    }
    expect((await postEvents('counsellor', { v: PROTOCOL_VERSION + 1, events: [] })).statusCode).toBe(426);
  });

  it('lets only an admin read the log, page by page, filtered', async () => {
    await pullAllAs(store, counsellor);
    const forbidden = await app.inject({ url: '/api/admin/audit', headers: { [ACTOR_HEADER]: 'counsellor' } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toEqual({ code: 'forbidden' });

    const query = { accountId: counsellor.accountId, action: 'pull', limit: '2' };
    const entries = [];
    let cursor: string | null = null;
    do {
      const response = await app.inject({ url: '/api/admin/audit', headers: { [ACTOR_HEADER]: 'admin' }, query: cursor === null ? query : { ...query, cursor } });
      expect(response.statusCode).toBe(200);
      const page = auditPage.parse(response.json());
      entries.push(...page.entries);
      cursor = page.cursor;
    } while (cursor !== null);
    expect(entries.map((e) => e.recordId).sort()).toEqual([own.clientId, own.noteId, own.conflictId].sort());
    expect(new Set(entries.map((e) => [e.action, e.accountId, e.deviceId].join()))).toEqual(new Set([['pull', counsellor.accountId, counsellor.deviceId].join()]));

    const empty = await app.inject({ url: '/api/admin/audit', headers: { [ACTOR_HEADER]: 'admin' }, query: { ...query, from: '2999-01-01T00:00:00Z' } });
    expect(auditPage.parse(empty.json())).toEqual({ entries: [], cursor: null });
    // A cursor the server did not make: its parts went into the query as they were, and a NUL was a 500 on PostgreSQL.
    const made = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = [['\u0000', own.clientId], ['2026-01-01T00:00:00.000Z', '\u0000'], ['yesterday', own.clientId], ['2026-01-01T00:00:00.000Z', 'x'], [1, 2]].map(made);
    const bads: Record<string, string>[] = [
      { cursor: '!!' },
      { cursor: 'bm90LWpzb24' },
      ...forged.map((cursor) => ({ cursor })),
      { action: 'read' },
      { limit: '0' },
      { from: 'yesterday' },
      { clientId: 'x' },
    ];
    for (const bad of bads) {
      expect((await app.inject({ url: '/api/admin/audit', headers: { [ACTOR_HEADER]: 'admin' }, query: bad })).statusCode, JSON.stringify(bad)).toBe(400);
    }
  });

  it('exports the log as CSV for an admin only', async () => {
    const forbidden = await app.inject({ url: '/api/admin/audit/export', headers: { [ACTOR_HEADER]: 'counsellor' } });
    expect(forbidden.statusCode).toBe(403);
    const response = await app.inject({ url: '/api/admin/audit/export', headers: { [ACTOR_HEADER]: 'admin' }, query: { clientId: own.clientId } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="silta-audit.csv"');
    const lines = response.body.split('\r\n');
    expect(lines[0]).toBe('id,at,loggedAt,accountId,deviceId,action,recordType,recordId,clientId');
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1).map((l) => l.split(','));
    const [{ n }] = (await db.sql(`SELECT count(*) AS n FROM audit_log WHERE client_id = '${own.clientId}'`)) as [{ n: unknown }];
    expect(rows).toHaveLength(Number(n));
    for (const row of rows) expect(row[8]).toBe(own.clientId);
  });

  it('assigns staff for a counsellor serving the client, and refuses everyone else', async () => {
    const staff = await staffAccount(store);
    const url = `/api/clients/${own.clientId}/assignments/${staff.accountId}`;
    for (const method of ['PUT', 'DELETE'] as const) {
      expect((await app.inject({ method, url, headers: { [ACTOR_HEADER]: 'sjundea' } })).statusCode).toBe(403);
      expect((await app.inject({ method, url, headers: { [ACTOR_HEADER]: 'admin' } })).statusCode).toBe(403);
      expect((await app.inject({ method, url: `/api/clients/x/assignments/${staff.accountId}`, headers: { [ACTOR_HEADER]: 'counsellor' } })).statusCode).toBe(404);
    }
    expect((await app.inject({ method: 'PUT', url: `/api/clients/${own.clientId}/assignments/${uuidv7()}`, headers: { [ACTOR_HEADER]: 'counsellor' } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PUT', url, headers: { [ACTOR_HEADER]: 'counsellor' } })).statusCode).toBe(204);
    expect(await db.sql(`SELECT account_id, assigned_by FROM client_assignments WHERE client_id = '${own.clientId}'`)).toEqual([
      { account_id: staff.accountId, assigned_by: counsellor.accountId },
    ]);
    expect((await app.inject({ method: 'DELETE', url, headers: { [ACTOR_HEADER]: 'counsellor' } })).statusCode).toBe(204);
    expect(await db.sql(`SELECT account_id FROM client_assignments WHERE client_id = '${own.clientId}'`)).toEqual([]);
  });

  it('puts the routes behind the app’s authentication and CSRF check', async () => {
    const real = await buildApp({ store, config: { version: '0.0.0-test' } });
    try {
      const csrf = { [CSRF_HEADER]: CSRF_HEADER_VALUE };
      expect((await real.inject({ url: '/api/admin/audit' })).statusCode).toBe(401);
      expect((await real.inject({ url: '/api/admin/audit/export' })).statusCode).toBe(401);
      expect((await real.inject({ method: 'POST', url: '/api/audit/events', headers: csrf, payload: { v: PROTOCOL_VERSION, events: [] } })).statusCode).toBe(401);
      expect((await real.inject({ method: 'POST', url: '/api/audit/events', payload: { v: PROTOCOL_VERSION, events: [] } })).statusCode).toBe(403);
      expect((await real.inject({ method: 'PUT', url: `/api/clients/${own.clientId}/assignments/${uuidv7()}`, headers: csrf })).statusCode).toBe(401);
    } finally {
      await real.close();
    }
  });
});
