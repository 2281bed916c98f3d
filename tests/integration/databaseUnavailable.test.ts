/**
 * A push while the database is out of reach for a moment: on SQLite another process holding the write lock longer
 * than the busy timeout (a backup, the admin command); on PostgreSQL the connection cut under the push (a restart,
 * a failover, pg_terminate_backend). The device hears "busy, try again" (503, serverBusy, Retry-After) rather than
 * "the server had a problem", nothing of the push is stored, and the same push sent again has its one effect.
 */
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreKind } from '#server/store/types.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { storeKinds } from './support/stores.ts';
import { clientData, noteData, TestDevice } from '../fixtures/serverEntries.ts';

/** Ends the connection of whichever backend is waiting for a lock in the test's database, once one is. */
async function terminateLockWaiter(databaseUrl: string): Promise<void> {
  // A connection of its own: inside the locking transaction, pg_stat_activity would show the first look again and again.
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    for (let tries = 0; tries < 200; tries += 1) {
      const { rows } = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
      );
      if (rows.length > 0) {
        for (const { pid } of rows) await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('no backend came to wait for the lock');
  } finally {
    await admin.end();
  }
}

/** Runs `request` while the database cannot take its write: how depends on the store. */
async function whileOutOfReach(t: TestApp, kind: StoreKind, request: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse> {
  if (kind === 'sqlite') {
    await t.db.sql('BEGIN IMMEDIATE');
    try {
      return await request();
    } finally {
      await t.db.sql('ROLLBACK');
    }
  }
  const { databaseUrl } = t.db;
  if (databaseUrl === undefined) throw new Error('a PostgreSQL test database has a URL');
  await t.db.sql('BEGIN');
  try {
    await t.db.sql('LOCK TABLE records IN ACCESS EXCLUSIVE MODE');
    const answer = request();
    await terminateLockWaiter(databaseUrl);
    return await answer;
  } finally {
    await t.db.sql('ROLLBACK');
  }
}

describe.each(storeKinds)('a push while the database is out of reach, on %s', (kind) => {
  let t: TestApp;
  const device = new TestDevice('b2b2b2b2b2b2b2b2');
  beforeAll(async () => {
    t = await startTestApp(kind);
    // Signed in beforehand: this is about the push, not the session's own writes.
    await t.sessionCookie(device.deviceId);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers "busy, try again" with nothing stored, and has its one effect when sent again', async () => {
    const client = device.insert('client', clientData());
    const note = device.insert('note', noteData(client.recordId));
    const batch = device.push([client, note]);
    const from = await t.store.lastSeq();

    const answer = await whileOutOfReach(t, kind, () => t.inject({ method: 'POST', url: '/api/sync/push', payload: batch }, batch.deviceId));
    expect(answer.statusCode).toBe(503);
    expect(answer.json()).toEqual({ code: 'serverBusy' });
    expect(answer.headers['retry-after']).toBe('5');
    expect(await t.pullAll(from)).toEqual([]);

    expect((await t.push(batch)).results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await t.push(batch)).results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect((await t.pullAll(from)).map((r) => r.id)).toEqual([client.recordId, note.recordId]);
  });
});
