/**
 * The real server process under faults: SIGKILL after a push was answered, SIGKILL while a push is in flight,
 * and a pull page cut off mid-transfer. After each, a restart on the same database must hold every change exactly
 * once, and a device that retries (the same entries, the same cursor) must end with exactly the server's records.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, pullResponse, pushResponse, type PushRequest, type WireRecord } from '#shared/schema/sync.ts';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '#shared/schema/auth.ts';
import { PRODUCTION_REFUSAL } from '#server/config.ts';
import { exitOf, runServer, serverBuildPerFile, startServer, type ServerProcess } from './support/serverProcess.ts';
import { createTestDatabase, storeKinds, type TestDatabase } from './support/stores.ts';
import { clientData, noteData, TestDevice } from '../fixtures/serverEntries.ts';
import { signInOverHttp } from '../support/signIn.ts';
import { createTestAccountIn, TEST_ACCOUNT } from './support/accounts.ts';

const built = serverBuildPerFile();

/** The device's session: it lives in the database, so it outlasts every restart of the server. */
let cookie = '';
const pushHeaders = () => ({ 'content-type': 'application/json', cookie, [CSRF_HEADER]: CSRF_HEADER_VALUE });

async function push(server: ServerProcess, body: PushRequest) {
  const response = await fetch(`${server.origin}/api/sync/push`, {
    method: 'POST',
    headers: pushHeaders(),
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return pushResponse.parse(await response.json());
}

async function pullPage(server: ServerProcess, cursor: number, limit: number) {
  const response = await fetch(`${server.origin}/api/sync/pull?v=${PROTOCOL_VERSION}&cursor=${cursor}&limit=${limit}`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return pullResponse.parse(await response.json());
}

async function pullAll(server: ServerProcess, cursor = 0, limit = 1000): Promise<WireRecord[]> {
  const records: WireRecord[] = [];
  for (let page = await pullPage(server, cursor, limit); ; page = await pullPage(server, page.cursor, limit)) {
    records.push(...page.records);
    if (!page.more) return records;
  }
}

function batch(device: TestDevice, clients: number): PushRequest {
  const entries = [];
  for (let i = 0; i < clients; i++) {
    const client = device.insert('client', clientData({ firstNames: `Fault ${i}` }));
    entries.push(client, device.insert('note', noteData(client.recordId)));
  }
  return device.push(entries);
}

/** Sends a push and SIGKILLs the server as soon as the request body has left, without waiting for an answer. */
async function pushAndKill(server: ServerProcess, body: PushRequest, delayMs: number): Promise<void> {
  const url = new URL('/api/sync/push', server.origin);
  const sent = new Promise<void>((resolve) => {
    const req = request(url, { method: 'POST', headers: pushHeaders() });
    req.on('error', () => {
      resolve();
    });
    req.on('response', (res) => {
      res.resume();
      resolve();
    });
    req.end(JSON.stringify(body), () => setTimeout(resolve, delayMs));
  });
  await sent;
  expect(await server.signal('SIGKILL')).toBeNull();
}

describe.each(storeKinds)('the server process under faults, on %s', (kind) => {
  let db: TestDatabase;
  let server: ServerProcess | undefined;
  const device = new TestDevice('fa17fa17fa17fa17');
  // One server at a time: a restart first makes sure the previous process is gone.
  const start = async () => {
    await server?.signal('SIGKILL');
    server = await startServer(built().mainJs, { dataDir: db.dataDir, databaseUrl: db.databaseUrl });
    if (cookie === '') {
      const { username, password } = TEST_ACCOUNT;
      cookie = (await signInOverHttp(server.origin, { username, password, deviceId: device.deviceId })).cookie;
    }
    return server;
  };
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await createTestAccountIn(db);
    cookie = '';
  });
  afterAll(async () => {
    await server?.signal('SIGKILL');
    await db.dispose();
  });

  it('loses and duplicates nothing when killed right after answering a push', async () => {
    let s = await start();
    const body = batch(device, 25);
    expect((await push(s, body)).results.every((r) => r.status === 'applied')).toBe(true);
    const before = await pullAll(s);
    await s.signal('SIGKILL');

    s = await start();
    expect(await pullAll(s)).toEqual(before);
    expect((await push(s, body)).results.every((r) => r.status === 'duplicate')).toBe(true);
    expect(await pullAll(s)).toEqual(before);
  });

  it.each([0, 3, 15])('applies a push killed in flight (after %i ms) all or nothing, and its retry exactly once', async (delayMs) => {
    let s = await start();
    const from = (await pullAll(s)).length;
    const body = batch(device, 50);
    await pushAndKill(s, body, delayMs);

    s = await start();
    const statuses = new Set((await push(s, body)).results.map((r) => r.status));
    // 'applied' if the killed transaction never committed, 'duplicate' if it did: never a mix.
    expect(statuses.size).toBe(1);
    const records = await pullAll(s);
    expect(records).toHaveLength(from + 100);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    const ids = new Set(records.map((r) => r.id));
    for (const entry of body.entries) expect(ids.has(entry.recordId)).toBe(true);
  });

  it('serves a pull cut off mid-page again from the last cursor, every record exactly once', async () => {
    const s = server ?? (await start());
    const expected = await pullAll(s, 0, 1000);
    const first = await pullPage(s, 0, 40);
    // The next page is cut off after its first bytes: the device never saw it, so its cursor stays put.
    await new Promise<void>((resolve, reject) => {
      const req = request(new URL(`/api/sync/pull?v=${PROTOCOL_VERSION}&cursor=${first.cursor}&limit=200`, s.origin), { headers: { cookie } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => {
        if (req.destroyed) resolve();
        else reject(error);
      });
      req.end();
    });
    const rest = await pullAll(s, first.cursor, 40);
    const all = [...first.records, ...rest];
    expect(all.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const s = server ?? (await start());
    expect(await s.signal('SIGTERM')).toBe(0);
    server = undefined;
  });
});

describe('the server process refusing production', () => {
  it('exits with a clear message when NODE_ENV=production', async () => {
    const { child, output } = runServer(built().mainJs, { dataDir: '/nonexistent', extra: { NODE_ENV: 'production' } });
    expect(await exitOf(child)).toBe(1);
    expect(output()).toContain(PRODUCTION_REFUSAL);
  });
});
