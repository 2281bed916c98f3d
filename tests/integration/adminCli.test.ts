/**
 * The built admin CLI (dist/server/admin.js) and the built server together, as an operator uses them: make the
 * first admin from a shell, then sign in over HTTP; and the demo sign-ins a server with SILTA_DEMO=on prints.
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountListResponse } from '#shared/schema/admin.ts';
import { DEMO_ACCOUNTS_FILE, readDemoSignIns } from '#server/services/demoAccounts.ts';
import { signInOverHttp } from '../support/signIn.ts';
import { exitOf, serverBuildPerFile, startServer } from './support/serverProcess.ts';
import { createTestDatabase, storeKinds, type TestDatabase } from './support/stores.ts';

const built = serverBuildPerFile();

interface Run {
  readonly code: number | null;
  readonly out: string;
}

/** Runs the CLI with the server's settings for `db`, writing `stdin` (the password) to it. */
async function admin(db: TestDatabase, args: readonly string[], stdin = ''): Promise<Run> {
  const child = spawn(process.execPath, [built().adminJs, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'test',
      SILTA_DATA_DIR: db.dataDir,
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stdin.end(stdin);
  return { code: await exitOf(child), out };
}

describe.each(storeKinds)('the admin CLI on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('makes the first admin on a new database, who can then sign in to the server', async () => {
    const created = await admin(db, ['create-account', '--username', 'Maria.Admin', '--role', 'admin', '--name', 'Maria Admin'], 'first admin password\n');
    expect(created).toEqual({ code: 0, out: 'Created account "maria.admin" (admin).\n' });

    const server = await startServer(built().mainJs, { dataDir: db.dataDir, databaseUrl: db.databaseUrl });
    try {
      const session = await signInOverHttp(server.origin, { username: 'maria.admin', password: 'first admin password', deviceId: 'a0a0a0a0a0a0a0a0' });
      expect(session.answer.account.role).toBe('admin');
      const accounts = await session.fetch(`${server.origin}/api/admin/accounts`);
      expect(accountListResponse.parse(await accounts.json()).accounts.map((a) => a.username)).toEqual(['maria.admin']);
    } finally {
      await server.signal('SIGTERM');
    }
  });

  it('creates, lists, disables, enables and sets passwords, refusing bad input with a reason', async () => {
    const counsellor = ['create-account', '--username', 'kim', '--role', 'counsellor', '--name', 'Kim K', '--municipality', 'kyrkslatt', '--municipality', 'sjundea'];
    expect(await admin(db, counsellor, 'kims password 123\n')).toMatchObject({ code: 0 });
    expect(await admin(db, counsellor, 'kims password 123\n')).toEqual({ code: 1, out: 'Refused: username: This username is already taken.\n' });
    expect(await admin(db, ['create-account', '--username', 'lee', '--role', 'counsellor', '--name', 'Lee'], 'short\n')).toEqual({
      code: 1,
      out: 'Refused: password: The password must be at least 12 characters long.\n',
    });
    expect((await admin(db, ['create-account', '--username', 'lee', '--role', 'counsellor', '--name', 'Lee'], 'long enough password\n')).out).toBe(
      'Refused: municipalities: Fill in this field.\n',
    );

    expect(await admin(db, ['disable', '--username', 'kim'])).toEqual({ code: 0, out: 'Account "kim" disabled.\n' });
    const list = await admin(db, ['list']);
    expect(list.code).toBe(0);
    expect(list.out.split('\n').map((line) => line.split(/\s{2,}/))).toEqual([
      ['username', 'role', 'municipalities', 'status', 'name'],
      ['kim', 'counsellor', 'kyrkslatt,sjundea', 'disabled', 'Kim K'],
      ['maria.admin', 'admin', '-', 'active', 'Maria Admin'],
      [''],
    ]);
    expect(await admin(db, ['enable', '--username', 'KIM'])).toEqual({ code: 0, out: 'Account "kim" enabled.\n' });
    expect(await admin(db, ['set-password', '--username', 'kim'], 'a brand new password\n')).toEqual({ code: 0, out: 'Password of "kim" set.\n' });
    expect(await admin(db, ['set-password', '--username', 'nobody'], 'a brand new password\n')).toEqual({ code: 1, out: 'No account is called "nobody".\n' });

    // Every change the CLI made is in the audit log, as the system from the CLI; refusals left nothing.
    const [kim] = await db.sql(`SELECT id FROM accounts WHERE username = 'kim'`);
    const logged = await db.sql(`SELECT action, account_id, device_id FROM audit_log WHERE record_id = '${String(kim?.['id'])}' ORDER BY at, id`);
    expect(logged).toEqual(
      ['createAccount', 'updateAccount', 'updateAccount', 'updateAccount'].map((action) => ({ action, account_id: 'system', device_id: 'admin-cli' })),
    );
  });

  it('explains its usage when it does not understand, and exits 2', async () => {
    for (const args of [[], ['frobnicate'], ['list', '--colour']]) {
      const run = await admin(db, args);
      expect(run.code).toBe(2);
      expect(run.out).toContain('Usage: npm run admin -- <command>');
    }
  });
});

describe('demo sign-ins from the server process', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('are made on the first start, written to a 0600 file, and printed at every start', async () => {
    const env = { dataDir: db.dataDir, extra: { SILTA_DEMO: 'on' } };
    let server = await startServer(built().mainJs, env);
    const signIns = (await readDemoSignIns(db.dataDir)) ?? [];
    expect(signIns.map((s) => s.username)).toEqual(['counsellor', 'counsellor.kyrkslatt', 'staff.sjundea', 'partner', 'coordinator', 'admin', 'client']);
    expect((await stat(`${db.dataDir}/${DEMO_ACCOUNTS_FILE}`)).mode & 0o777).toBe(0o600);
    expect(server.output()).toContain('Demo sign-ins');
    for (const s of signIns) expect(server.output()).toContain(s.password);
    expect(await server.signal('SIGTERM')).toBe(0);

    server = await startServer(built().mainJs, env);
    try {
      expect(server.output()).toContain('Demo sign-ins');
      expect(await readDemoSignIns(db.dataDir)).toEqual(signIns);
      const client = signIns.find((s) => s.role === 'client');
      const session = await signInOverHttp(server.origin, { username: 'client', password: client?.password ?? '', deviceId: 'c1c1c1c1c1c1c1c1' });
      expect(session.answer.account.clientId).toBe(client?.clientId);
    } finally {
      await server.signal('SIGTERM');
    }
  });
});
