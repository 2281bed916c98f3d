/**
 * Demo sign-ins on both stores: one account per role on an empty store, all or nothing, with the passwords in a
 * 0600 file that a later start reads again, and a client account that is the first demo client.
 */
import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '#server/app.ts';
import { DEMO_STAFF_ASSIGNMENTS, demoAccountsPath, formatDemoSignIns, readDemoSignIns, seedDemoAccounts, type DemoSignIn } from '#server/services/demoAccounts.ts';
import { seedDemo } from '#server/services/demoSeed.ts';
import type { Store } from '#server/store/types.ts';
import { roles, signInResponse } from '#shared/schema/auth.ts';
import { injectSignIn, TEST_VERSION } from './support/app.ts';
import { migratedStore, storeKinds, type TestDatabase } from './support/stores.ts';

const NOW = new Date('2026-03-15T10:00:00.000Z');

describe.each(storeKinds)('demo accounts on %s', (kind) => {
  let db: TestDatabase;
  let store: Store;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let signIns: readonly DemoSignIn[];

  beforeAll(async () => {
    ({ db, store, close } = await migratedStore(kind));
    await seedDemo(store, { now: NOW });
    signIns = (await seedDemoAccounts(store, { now: NOW, dataDir: db.dataDir })) ?? [];
    app = await buildApp({ store, config: { version: TEST_VERSION } });
  });
  afterAll(async () => {
    await app.close();
    await close();
  });

  it('makes one account per role, each with its own long random password', async () => {
    expect(signIns.map((s) => [s.username, s.role, s.municipalities])).toEqual([
      ['counsellor', 'counsellor', ['kyrkslatt', 'sjundea']],
      ['counsellor.kyrkslatt', 'counsellor', ['kyrkslatt']],
      ['staff.sjundea', 'municipalStaff', ['sjundea']],
      ['partner', 'partner', []],
      ['coordinator', 'coordinator', ['kyrkslatt']],
      ['admin', 'admin', []],
      ['client', 'client', []],
    ]);
    expect(new Set(signIns.map((s) => s.role))).toEqual(new Set(roles));
    expect(new Set(signIns.map((s) => s.password)).size).toBe(signIns.length);
    for (const s of signIns) expect(s.password.length).toBeGreaterThanOrEqual(16);
    expect(await store.accounts.countAccounts()).toBe(signIns.length);
    // Hashed like any other password: the plain text is only in the file.
    expect(JSON.stringify(await db.sql('SELECT * FROM accounts'))).not.toContain(signIns[0]?.password);
  });

  it('links the client account to a demo client record', async () => {
    const clientId = signIns.find((s) => s.role === 'client')?.clientId;
    const records = await store.read((tx) => tx.recordsAfter(0, 1000, { kind: 'all' }));
    expect(records.find((r) => r.id === clientId)?.type).toBe('client');
  });

  it('assigns the Sjundeå staff member a few Sjundeå clients, so that role has something to see', async () => {
    const staff = await store.accounts.accountByUsername('staff.sjundea');
    const rows = await db.sql(`SELECT a.client_id, c.municipality FROM client_assignments a JOIN client_access c ON c.client_id = a.client_id WHERE a.account_id = '${staff!.id}'`);
    expect(rows).toHaveLength(DEMO_STAFF_ASSIGNMENTS);
    expect(rows.every((r) => r['municipality'] === 'sjundea')).toBe(true);
  });

  it('writes the passwords to a file only its owner can read, which every later start shows again', async () => {
    expect((await stat(demoAccountsPath(db.dataDir))).mode & 0o777).toBe(0o600);
    expect(await readDemoSignIns(db.dataDir)).toEqual(signIns);
    expect(await seedDemoAccounts(store, { now: new Date(), dataDir: db.dataDir })).toEqual(signIns);
    expect(await store.accounts.countAccounts()).toBe(signIns.length);
    const table = formatDemoSignIns(signIns, db.dataDir);
    expect(table).toMatch(/^Demo sign-ins \(also in .*demo-accounts\.json\):\n/);
    for (const s of signIns) expect(table).toContain(s.password);
  });

  it('signs every demo account in', async () => {
    for (const [i, s] of signIns.entries()) {
      const response = await injectSignIn(app, { username: s.username, password: s.password, deviceId: `${i}`.padStart(16, 'c') });
      expect([s.username, response.statusCode]).toEqual([s.username, 200]);
      expect(signInResponse.parse(response.json()).account).toMatchObject({ username: s.username, role: s.role, clientId: s.clientId });
    }
  });
});
