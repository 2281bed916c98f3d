/**
 * P7: the server alone on this 2-core machine. Apply throughput: devices push 100-entry batches of new notes over
 * real HTTP to the built server (dist/server/main.js), on SQLite and then on a throwaway PostgreSQL 15; the request
 * bodies are made and every device signed in (its own session) before the clock starts, and several devices push at
 * once, each its batches in order. The notes belong to 1,000 clients pushed first by another device, in the
 * benchmark counsellor's municipalities. Pull latency: autocannon with 200 connections for 10 s, each asking for
 * what a device that is slightly behind asks for, with one device's session cookie.
 */
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '#shared/schema/auth.ts';
import type { PushResponse } from '#shared/schema/sync.ts';
import { startPostgres } from '../tests/integration/postgresServer.ts';
import { createBenchAccount, signInDevice } from './lib/account.ts';
import type { BenchContext } from './lib/context.ts';
import { chunks, deviceIdFor, makeCaseload, makeClientFields, makeNote, Rng, SeedDevice, type SeedNote } from './lib/data.ts';
import { openLoop } from './lib/openLoop.ts';
import { onInterrupt, removeDir, startSiltaServer, tempDir } from './lib/processes.ts';
import type { BarRow, SuiteResult } from './lib/report.ts';
import { noteInserts } from './lib/seed.ts';
import { describe, figure, type Figure } from './lib/stats.ts';
import { PROTOCOL_VERSION } from '#shared/schema/sync.ts';

const DEVICES = 8;
const BATCH = 100;
/** A device pulling with the app's page size after this many others' changes. */
const PULL_BEHIND = 10;
const PULL_CONNECTIONS = 200;
const PULLER_SEED = 7_070;
/** What Chromium sends on this origin; the server then answers with brotli, as it does for the app. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

interface ApplyRun {
  readonly changes: number;
  readonly ms: number;
  readonly perSecond: number;
  readonly requests: number;
}

const CLIENT_SEED = 7_777;
const CLIENTS = 1000;
const NOTES_FROM = Date.UTC(2025, 0, 1);

/** One device's part of a load: its id and its push bodies, oldest first. */
interface DeviceLoad {
  readonly deviceId: string;
  readonly bodies: readonly string[];
}

/** Request bodies for `batches` pushes of new notes (of `clientIds`) from DEVICES devices. */
function makeLoad(seed: number, batches: number, clientIds: readonly string[]): DeviceLoad[] {
  const rng = new Rng(seed);
  const noteRng = new Rng(seed + 1);
  const notes: SeedNote[] = Array.from({ length: batches * BATCH }, (_, i) => makeNote(noteRng, clientIds, NOTES_FROM + i * 60_000));
  const devices = Array.from({ length: DEVICES }, () => new SeedDevice(deviceIdFor(rng), rng));
  const perDevice: string[][] = devices.map(() => []);
  chunks(notes, BATCH).forEach((batch, i) => {
    const device = devices[i % DEVICES];
    if (device === undefined) return;
    perDevice[i % DEVICES]?.push(JSON.stringify(device.push(noteInserts(device, batch))));
  });
  return devices.map((d, i) => ({ deviceId: d.deviceId, bodies: perDevice[i] ?? [] }));
}

/** Every device of a load signs in as itself (a push must come from the signed-in device): their cookies, in order. */
async function signInAll(url: string, load: readonly DeviceLoad[]): Promise<string[]> {
  const cookies: string[] = [];
  for (const device of load) cookies.push((await signInDevice(url, device.deviceId)).cookie);
  return cookies;
}

/** The clients the load's notes belong to, pushed by a device of their own before anything is timed. */
async function seedClients(url: string): Promise<string[]> {
  const rng = new Rng(CLIENT_SEED);
  const { clientIds } = makeCaseload(CLIENT_SEED + 1, CLIENTS, 0);
  const device = new SeedDevice(deviceIdFor(rng), rng);
  const entries = clientIds.map((id, i) => device.insert('client', id, makeClientFields(rng, i)));
  const bodies = chunks(entries, BATCH).map((batch) => JSON.stringify(device.push(batch)));
  const [cookie] = await signInAll(url, [{ deviceId: device.deviceId, bodies }]);
  await applyLoad(url, [{ deviceId: device.deviceId, bodies }], [cookie ?? ''], 60_000);
  return clientIds;
}

async function applyLoad(url: string, load: readonly DeviceLoad[], cookies: readonly string[], timeLimitMs: number): Promise<ApplyRun> {
  let applied = 0;
  let requests = 0;
  const t0 = performance.now();
  const deadline = t0 + timeLimitMs;
  await Promise.all(
    load.map(async ({ bodies }, device) => {
      for (const body of bodies) {
        if (performance.now() > deadline) return;
        const res = await fetch(`${url}/api/sync/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip', cookie: cookies[device] ?? '', [CSRF_HEADER]: CSRF_HEADER_VALUE },
          body,
          signal: AbortSignal.timeout(30_000),
        });
        requests += 1;
        if (res.status !== 200) throw new Error(`push answered ${res.status}: ${await res.text()}`);
        const answer = (await res.json()) as PushResponse;
        const refused = answer.results.find((r) => r.status !== 'applied');
        if (refused !== undefined) throw new Error(`entry ${refused.id} was ${refused.status} (${refused.code ?? ''})`);
        applied += answer.results.length;
      }
    }),
  );
  const ms = performance.now() - t0;
  return { changes: applied, ms, perSecond: (applied / ms) * 1000, requests };
}

async function measureApply(ctx: BenchContext, label: string, url: string, seed: number, runs: number, batches: number): Promise<ApplyRun[]> {
  const clientIds = await seedClients(url);
  // Untimed warm-up: connections, the JIT, the database's caches.
  const warmUp = makeLoad(seed, 16, clientIds);
  await applyLoad(url, warmUp, await signInAll(url, warmUp), 60_000);
  const out: ApplyRun[] = [];
  for (let run = 0; run < runs; run += 1) {
    const load = makeLoad(seed + 100 * (run + 1), batches, clientIds);
    const cookies = await signInAll(url, load);
    const result = await applyLoad(url, load, cookies, 60_000);
    ctx.log(`P7 ${label} apply run ${run + 1}/${runs}: ${result.changes} changes in ${(result.ms / 1000).toFixed(2)} s = ${result.perSecond.toFixed(0)} changes/s`);
    out.push(result);
  }
  return out;
}

async function headSeq(url: string, cookie: string): Promise<number> {
  const res = await fetch(`${url}/api/sync/pull?v=${PROTOCOL_VERSION}&cursor=0&limit=1`, { headers: { cookie } });
  const page = (await res.json()) as { records: { seq: number }[]; remaining: number };
  // Every change in this suite is a new client or note, so sequence numbers run 1…n without gaps.
  return (page.records[0]?.seq ?? 0) + page.remaining;
}

interface PullRun {
  readonly variant: string;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly rps: number;
  readonly errors: number;
  readonly non2xx: number;
}

interface PullVariant {
  readonly name: string;
  readonly connections: number;
  readonly headers: Record<string, string>;
  /** Ask at the head: "anything new?" answered with an empty page. */
  readonly atHead?: boolean;
  /** Pulls per second per connection (autocannon's connectionRate): an open loop instead of back to back. */
  readonly perSecond?: number;
}

/** The briefed load: 200 connections asking back to back, with the browser's Accept-Encoding. */
const SATURATED: PullVariant = { name: 'closed loop, browser Accept-Encoding', connections: PULL_CONNECTIONS, headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING } };
const EXTRA_VARIANTS: readonly PullVariant[] = [
  { name: `${PULL_CONNECTIONS} connections, closed loop, no compression`, connections: PULL_CONNECTIONS, headers: {} },
  { name: `${PULL_CONNECTIONS} connections, closed loop, nothing new (empty page at the head)`, connections: PULL_CONNECTIONS, headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING }, atHead: true },
  { name: 'one device alone (1 connection), browser Accept-Encoding', connections: 1, headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING } },
  // autocannon fires every connection's pull in the same tick, so this is 200 devices pulling at the same instant,
  // once a second: a quarter of the closed loop's throughput, arriving in bursts.
  { name: `${PULL_CONNECTIONS} devices each pulling once a second, in step`, connections: PULL_CONNECTIONS, headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING }, perSecond: 1 },
];

/**
 * Waits (at most two minutes) until one pull is answered within a second: pulls autocannon gave up on are still
 * being served after it stops, and would otherwise slow the next load down.
 */
async function drained(url: string, cookie: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const t0 = performance.now();
    await fetch(url, { headers: { cookie } }).then((res) => res.arrayBuffer());
    if (performance.now() - t0 < 1_000) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

async function pullOnce(ctx: BenchContext, label: string, url: string, cookie: string, variant: PullVariant, duration: number): Promise<PullRun> {
  await drained(url, cookie);
  const r: Result = await autocannon({
    url,
    connections: variant.connections,
    ...(variant.perSecond === undefined ? {} : { connectionRate: variant.perSecond }),
    duration,
    timeout: 10,
    headers: { accept: 'application/json', cookie, ...variant.headers },
  });
  const result = { variant: variant.name, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, rps: r.requests.average, errors: r.errors + r.timeouts, non2xx: r.non2xx };
  ctx.log(`P7 ${label} pull (${variant.name}): p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.rps.toFixed(0)} req/s, ${result.errors} errors, ${result.non2xx} non-2xx`);
  return result;
}

/** 200 devices each pulling once a second, each at its own moment of the second (lib/openLoop.ts). */
async function pullStaggered(ctx: BenchContext, label: string, url: string, cookie: string): Promise<PullRun> {
  await drained(url, cookie);
  const variant = `${PULL_CONNECTIONS} devices each pulling once a second, each at its own moment (open loop, latency from when each pull was due)`;
  const r = await openLoop(url, { accept: 'application/json', cookie, 'accept-encoding': BROWSER_ACCEPT_ENCODING }, PULL_CONNECTIONS, 1_000, 5_000);
  const result = { variant, p50: r.p50, p99: r.p99, max: r.max, rps: r.perSecond, errors: r.failures, non2xx: 0 };
  ctx.log(`P7 ${label} pull (${variant}): p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.rps.toFixed(0)} req/s, ${result.errors} failed`);
  return result;
}

async function measurePull(ctx: BenchContext, label: string, url: string, runs: number, extras: readonly PullVariant[]): Promise<PullRun[]> {
  // One device's session for every connection: sessions are looked up by token, so sharing one costs the same.
  const { cookie } = await signInDevice(url, deviceIdFor(new Rng(PULLER_SEED)));
  const head = await headSeq(url, cookie);
  const cursor = Math.max(0, head - PULL_BEHIND);
  const pullUrl = `${url}/api/sync/pull?v=${PROTOCOL_VERSION}&cursor=${cursor}&limit=1000`;
  const check = await fetch(pullUrl, { headers: { cookie } });
  const page = (await check.json()) as { records: unknown[]; more: boolean };
  if (page.records.length !== Math.min(head, PULL_BEHIND) || page.more) throw new Error(`pull at ${cursor} returned ${page.records.length} records`);
  await pullOnce(ctx, `${label} warm-up`, pullUrl, cookie, SATURATED, 2);
  const out: PullRun[] = [];
  for (let run = 0; run < runs; run += 1) out.push(await pullOnce(ctx, label, pullUrl, cookie, SATURATED, 10));
  const headUrl = `${url}/api/sync/pull?v=${PROTOCOL_VERSION}&cursor=${head}&limit=1000`;
  for (const variant of extras) out.push(await pullOnce(ctx, label, variant.atHead === true ? headUrl : pullUrl, cookie, variant, 5));
  if (extras.length > 0) out.push(await pullStaggered(ctx, label, pullUrl, cookie));
  return out;
}

async function createDatabase(maintenanceUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function runP7(ctx: BenchContext): Promise<SuiteResult> {
  const runs = ctx.quick ? 2 : 3;
  const batches = ctx.quick ? 100 : 200;
  const pullRuns = ctx.quick ? 1 : 3;

  const sqliteDir = await tempDir('p7-sqlite');
  let sqliteApply: ApplyRun[];
  let sqlitePull: PullRun[];
  try {
    await createBenchAccount({ dataDir: sqliteDir });
    const server = await startSiltaServer({ dataDir: sqliteDir });
    try {
      sqliteApply = await measureApply(ctx, 'SQLite', server.url, 7_000, runs, batches);
      sqlitePull = await measurePull(ctx, 'SQLite', server.url, pullRuns, EXTRA_VARIANTS);
    } finally {
      await server.stop();
    }
  } finally {
    await removeDir(sqliteDir);
  }

  const postgres = await startPostgres();
  const forget = onInterrupt(() => postgres.stop());
  const pgDir = await tempDir('p7-pg');
  let pgApply: ApplyRun[];
  let pgPull: PullRun[];
  try {
    const databaseUrl = await createDatabase(postgres.url, 'silta_bench');
    await createBenchAccount({ dataDir: pgDir, databaseUrl });
    const server = await startSiltaServer({ dataDir: pgDir, databaseUrl });
    try {
      pgApply = await measureApply(ctx, 'PostgreSQL', server.url, 7_000, runs, batches);
      pgPull = await measurePull(ctx, 'PostgreSQL', server.url, 1, []);
    } finally {
      await server.stop();
    }
  } finally {
    await postgres.stop();
    forget();
    await removeDir(pgDir);
  }
  return { rows: p7Rows(sqliteApply, pgApply, sqlitePull, pgPull), raw: { sqliteApply, pgApply, sqlitePull, pgPull, devices: DEVICES, batch: BATCH } };
}

function p7Rows(sqlite: readonly ApplyRun[], postgres: readonly ApplyRun[], sqlitePull: readonly PullRun[], pgPull: readonly PullRun[]): BarRow[] {
  const s = figure(sqlite.map((r) => r.perSecond));
  const p = figure(postgres.map((r) => r.perSecond));
  const ratio: Figure = figure(sqlite.map((r, i) => r.perSecond / (postgres[i]?.perSecond ?? Number.NaN)));
  const saturated = sqlitePull.filter((r) => r.variant === SATURATED.name);
  const p99 = figure(saturated.map((r) => r.p99));
  const rps = figure(saturated.map((r) => r.rps));
  const failures = saturated.reduce((n, r) => n + r.errors + r.non2xx, 0);
  const pgP99 = figure(pgPull.map((r) => r.p99));
  const changes = sqlite[0]?.changes ?? 0;
  const rows: BarRow[] = [
    {
      id: 'P7',
      what: `Server apply throughput, SQLite (${DEVICES} devices pushing ${changes} new notes in batches of ${BATCH} over HTTP)`,
      measured: describe(s, '/s', 0).replaceAll(' /s', ' changes/s'),
      bar: '≥ 2,000 changes/s',
      pass: s.median >= 2000,
    },
    {
      id: 'P7',
      what: 'Server apply throughput, PostgreSQL 15 (same load): SQLite ÷ PostgreSQL',
      measured: `${describe(ratio, 'x', 2)}; PostgreSQL ${describe(p, '/s', 0).replaceAll(' /s', ' changes/s')}`,
      bar: '≤ 2x',
      pass: ratio.median <= 2,
    },
    {
      id: 'P7',
      what: `Pull p99 latency, ${PULL_CONNECTIONS} concurrent devices on SQLite (autocannon, ${PULL_CONNECTIONS} connections back to back, 10 s; each pull returns the ${PULL_BEHIND} newest notes)`,
      measured: saturated.every((r) => r.rps === 0)
        ? `no pull answered within autocannon's 10 s timeout in ${saturated.length} runs (${failures} errors/timeouts)`
        : `${describe(p99, 'ms', 0)}; p50 ${describe(figure(saturated.map((r) => r.p50)), 'ms', 0)}; ${describe(rps, '', 0)} req/s; ${failures} errors/timeouts/non-2xx`,
      bar: '≤ 50 ms',
      pass: p99.median <= 50 && failures === 0,
    },
  ];
  for (const extra of sqlitePull.filter((r) => r.variant !== SATURATED.name)) {
    rows.push({
      id: 'P7',
      what: `Pull latency on SQLite, ${extra.variant}, 5 s (information)`,
      measured: `p99 ${extra.p99} ms, p50 ${extra.p50} ms, ${extra.rps.toFixed(0)} req/s, ${extra.errors + extra.non2xx} errors (n=1)`,
      bar: '',
      pass: null,
    });
  }
  rows.push({
    id: 'P7',
    what: 'Pull p99 latency on PostgreSQL, same closed-loop load (information)',
    measured: `${describe(pgP99, 'ms', 0)} at ${pgPull[0]?.rps.toFixed(0) ?? '?'} req/s, ${pgPull.reduce((n, r) => n + r.errors + r.non2xx, 0)} errors`,
    bar: '',
    pass: null,
  });
  return rows;
}
