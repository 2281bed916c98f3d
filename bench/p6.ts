/**
 * P6: (a) a push of 100 changes is one HTTP request and one server transaction; (b) an incremental sync of one change
 * (device A pushes one edited client, device B pulls it) is one request each way, and how long it takes beside
 * PouchDB's incremental replication of one document (A replicates to pouchdb-server, B replicates from it).
 *
 * The Silta side is a buildApp instance in this process, so requests can be counted where they arrive (the Node
 * HTTP server's `request` event, below Fastify) and transactions where they start (a Store wrapper around the SQLite
 * store: every `write` call and every transaction body it runs). The devices run the app's own code in the browser.
 */
import type { IncomingMessage } from 'node:http';
import { buildApp } from '#server/app.ts';
import { openSqliteStore } from '#server/store/sqlite.ts';
import type { Store } from '#server/store/types.ts';
import type { IncrementalResult, PouchIncrementalResult } from './page/api.ts';
import { BENCH_SIGN_INS_PER_MINUTE, createBenchAccount } from './lib/account.ts';
import { signInPage, within } from './lib/browser.ts';
import type { BenchContext } from './lib/context.ts';
import { deviceIdFor, makeCaseload, makeClientFields, Rng, SeedDevice } from './lib/data.ts';
import { removeDir, tempDir } from './lib/processes.ts';
import type { BarRow, SuiteResult } from './lib/report.ts';
import { createPouchDb, noteDoc, noteInserts, seedPouch, seedSilta } from './lib/seed.ts';
import { describe, figure } from './lib/stats.ts';

const SEED = 6_006;
const CLIENTS = 100;
const NOTES = 1000;

interface Counts {
  /** Calls of Store.write. */
  writes: number;
  /** Transaction bodies the store actually ran. */
  transactions: number;
}

/** The store as buildApp gets it, counting write transactions on the way through. */
function countingStore(inner: Store): { store: Store; counts: Counts } {
  const counts: Counts = { writes: 0, transactions: 0 };
  const store: Store = {
    kind: inner.kind,
    audit: inner.audit,
    accounts: inner.accounts,
    get writeTransactions() {
      return inner.writeTransactions;
    },
    migrate: () => inner.migrate(),
    health: () => inner.health(),
    write(work) {
      counts.writes += 1;
      return inner.write((tx) => {
        counts.transactions += 1;
        return work(tx);
      });
    },
    read: (work) => inner.read(work),
    lastSeq: () => inner.lastSeq(),
    countRecords: () => inner.countRecords(),
    close: () => inner.close(),
  };
  return { store, counts };
}

function bounded<R>(what: string, work: Promise<R>): Promise<R> {
  return within(60_000, what, work);
}

export async function runP6(ctx: BenchContext): Promise<SuiteResult> {
  const iterations = ctx.quick ? 10 : 25;
  const pushRuns = 3;
  const dir = await tempDir('p6');
  await createBenchAccount({ dataDir: dir }).catch(async (error: unknown) => {
    await removeDir(dir);
    throw error;
  });
  const inner = await openSqliteStore(dir);
  await inner.migrate();
  const { store, counts } = countingStore(inner);
  const app = await buildApp({ store, config: { version: 'bench', signInsPerMinute: BENCH_SIGN_INS_PER_MINUTE }, staticDir: ctx.pages.siltaDir });
  const requests: string[] = [];
  app.server.on('request', (req: IncomingMessage) => requests.push(`${req.method ?? '?'} ${(req.url ?? '').split('?')[0] ?? ''}`));
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;

    // The same caseload on both servers: 100 clients and 1,000 notes.
    const rng = new Rng(SEED);
    const { clientIds, notes } = makeCaseload(SEED + 1, CLIENTS, NOTES);
    const clients = clientIds.map((id, i) => ({ id, fields: makeClientFields(rng, i) }));
    const device = new SeedDevice(deviceIdFor(rng), rng);
    await seedSilta(store, device, [...clients.map((c) => device.insert('client', c.id, c.fields)), ...noteInserts(device, notes)]);
    const pouch = await ctx.pouchServer();
    const remote = await createPouchDb(pouch.url, 'incremental');
    await seedPouch(remote, [...clients.map((c) => ({ _id: c.id, type: 'client', ...c.fields })), ...notes.map(noteDoc)]);

    const b = await ctx.browser();
    const siltaPage = await b.siltaPage(url);
    const pouchPage = await b.pouchPage(pouch.url);
    try {
      // (a) One push of 100 queued changes, three times, by a device signed in as itself (the server checks).
      await signInPage(siltaPage, 'p6-pusher');
      const pushes: { requests: string[]; writes: number; transactions: number; storeCounter: number; sent: number; applied: number }[] = [];
      for (let run = 0; run < pushRuns; run += 1) {
        const queued = await bounded('queue notes', siltaPage.evaluate(({ n, client }) => window.siltaBench?.queueNotes('p6-pusher', client, n) ?? Promise.resolve(-1), { n: 100, client: clientIds[run] ?? '' }));
        if (queued !== 100) throw new Error(`expected 100 queued changes, found ${queued}`);
        const before = { ...counts, storeCounter: inner.writeTransactions, records: await inner.countRecords() };
        requests.length = 0;
        const pushed = await bounded('push', siltaPage.evaluate((name) => window.siltaBench?.push(name) ?? Promise.resolve({ sent: -1, queuedAfter: -1 }), 'p6-pusher'));
        const seen = [...requests];
        const applied = (await inner.countRecords()) - before.records;
        if (pushed.sent !== 100 || pushed.queuedAfter !== 0) throw new Error(`push sent ${pushed.sent}, ${pushed.queuedAfter} left queued`);
        pushes.push({
          requests: seen,
          writes: counts.writes - before.writes,
          transactions: counts.transactions - before.transactions,
          storeCounter: inner.writeTransactions - before.storeCounter,
          sent: pushed.sent,
          applied,
        });
      }
      ctx.log(`P6a: ${pushes.map((p) => `${p.sent} changes → ${p.requests.length} request(s) [${p.requests.join(', ')}], ${p.transactions} transaction(s), ${p.applied} records`).join('; ')}`);

      // (b) Incremental sync of one change, Silta and PouchDB alternating, after both devices have everything. The
      // two devices share the tab's cookie jar, so B pulls on A's session: the server ties only pushes to the device.
      await signInPage(siltaPage, 'p6-a');
      await bounded('first pull', siltaPage.evaluate((name) => window.siltaBench?.pullAll(name) ?? Promise.resolve(-1), 'p6-a'));
      await bounded('first pull', siltaPage.evaluate((name) => window.siltaBench?.pullAll(name) ?? Promise.resolve(-1), 'p6-b'));
      await within(120_000, 'PouchDB first pull', pouchPage.evaluate((name) => window.pouchBench?.pullAll(`${location.origin}/incremental`, name) ?? Promise.resolve(-1), 'p6-a'));
      await within(120_000, 'PouchDB first pull', pouchPage.evaluate((name) => window.pouchBench?.pullAll(`${location.origin}/incremental`, name) ?? Promise.resolve(-1), 'p6-b'));
      const silta: (IncrementalResult & { requests: string[] })[] = [];
      const pouchRuns: PouchIncrementalResult[] = [];
      const warmUp = 3;
      for (let i = 0; i < warmUp + iterations; i += 1) {
        const recordId = clientIds[i % CLIENTS] ?? '';
        const phone = `+358 40 ${String(1_000_000 + i)}`;
        const runSilta = async () => {
          requests.length = 0;
          const r = await bounded(
            'Silta incremental sync',
            siltaPage.evaluate((a) => {
              const api = window.siltaBench;
              if (api === undefined) throw new Error('bench page not loaded');
              return api.incremental(a);
            }, { deviceA: 'p6-a', deviceB: 'p6-b', recordId, phone }),
          );
          if (!r.arrived) throw new Error('Silta: the edit did not reach device B');
          if (i >= warmUp) silta.push({ ...r, requests: [...requests] });
        };
        const runPouch = async () => {
          const r = await within(60_000, 'PouchDB incremental replication', pouchPage.evaluate((a) => {
            const api = window.pouchBench;
            if (api === undefined) throw new Error('pouch page not loaded');
            return api.incremental({ ...a, remote: `${location.origin}/incremental` });
          }, { deviceA: 'p6-a', deviceB: 'p6-b', recordId, phone }));
          if (!r.arrived) throw new Error('PouchDB: the edit did not reach device B');
          if (i >= warmUp) pouchRuns.push(r);
        };
        if (i % 2 === 0) {
          await runSilta();
          await runPouch();
        } else {
          await runPouch();
          await runSilta();
        }
      }
      ctx.log(`P6b: Silta ${silta.map((r) => (r.pushMs + r.pullMs).toFixed(0)).join(' ')} ms; PouchDB ${pouchRuns.map((r) => (r.pushMs + r.pullMs).toFixed(0)).join(' ')} ms`);
      return { rows: p6Rows(pushes, silta, pouchRuns), raw: { pushes, incremental: { silta, pouch: pouchRuns } } };
    } finally {
      await siltaPage.close();
      await pouchPage.close();
    }
  } finally {
    await app.close();
    await store.close();
    await removeDir(dir);
  }
}

function p6Rows(
  pushes: readonly { requests: string[]; transactions: number; writes: number; storeCounter: number; applied: number }[],
  silta: readonly (IncrementalResult & { requests: string[] })[],
  pouch: readonly PouchIncrementalResult[],
): BarRow[] {
  const requestCounts = pushes.map((p) => p.requests.length);
  const txCounts = pushes.map((p) => Math.max(p.transactions, p.writes, p.storeCounter));
  const pushOk = pushes.every((p) => p.requests.length === 1 && p.requests[0] === 'POST /api/sync/push');
  const txOk = pushes.every((p) => p.transactions === 1 && p.writes === 1 && p.storeCounter === 1 && p.applied === 100);
  const eachWay = silta.map((r) => r.requests.join(', '));
  const eachWayOk = silta.every((r) => r.requests.length === 2 && r.requests[0] === 'POST /api/sync/push' && r.requests[1] === 'GET /api/sync/pull');
  const siltaTotal = figure(silta.map((r) => r.pushMs + r.pullMs));
  const pouchTotal = figure(pouch.map((r) => r.pushMs + r.pullMs));
  const ratio = figure(silta.map((r, i) => ((pouch[i]?.pushMs ?? 0) + (pouch[i]?.pullMs ?? 0)) / (r.pushMs + r.pullMs)));
  const siltaPull = figure(silta.map((r) => r.pullMs));
  const pouchPull = figure(pouch.map((r) => r.pullMs));
  const pouchRequests = figure(pouch.map((r) => r.requests));
  return [
    {
      id: 'P6',
      what: 'Push of 100 changes (app pushChanges from Chromium): HTTP requests reaching the server',
      measured: `${requestCounts.join(', ')} in ${pushes.length} pushes (${[...new Set(pushes.flatMap((p) => p.requests))].join(', ')})`,
      bar: '= 1',
      pass: pushOk,
    },
    {
      id: 'P6',
      what: 'Push of 100 changes: server write transactions',
      measured: `${txCounts.join(', ')} in ${pushes.length} pushes (100 records applied each: ${pushes.every((p) => p.applied === 100) ? 'yes' : 'no'})`,
      bar: '= 1',
      pass: txOk,
    },
    {
      id: 'P6',
      what: 'Incremental sync of one change: requests (A pushes, B pulls)',
      measured: eachWayOk ? `1 push + 1 pull in all ${silta.length} syncs` : `varied: ${[...new Set(eachWay)].join(' | ')}`,
      bar: '1 each way',
      pass: eachWayOk,
    },
    {
      id: 'P6',
      what: 'Incremental sync of one change: PouchDB ÷ Silta (A→server→B, same browser)',
      measured:
        `${describe(ratio, 'x', 1)}; Silta ${describe(siltaTotal, 'ms', 1)} (B's pull ${describe(siltaPull, 'ms', 1)}), ` +
        `PouchDB ${describe(pouchTotal, 'ms', 1)} (B's replication ${describe(pouchPull, 'ms', 1)}, ${describe(pouchRequests, '', 0)} requests)`,
      bar: '≥ 4x',
      pass: ratio.median >= 4,
    },
  ];
}
