/**
 * P5: first sync of N notes into an empty browser, three ways in the same Chromium and the same run:
 * (1) Silta: the app's own pullChanges/httpTransport/SiltaDb, in a page served by the real server (dist/server/main.js);
 * (2) the floor: the same API pages fetched one after another, then one bare Dexie bulkPut into a table with the same
 *     indexes, in the same page;
 * (3) PouchDB: pouchdb-browser replicating the same notes from pouchdb-server.
 * Silta and floor alternate which goes first; each leg gets a fresh tab and a new database, deleted afterwards.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openSqliteStore, SQLITE_FILE_NAME } from '#server/store/sqlite.ts';
import type { FirstSyncArgs, FirstSyncResult, FloorResult, PouchFirstSyncResult, ProfileResult } from './page/api.ts';
import { createBenchAccount } from './lib/account.ts';
import { settleTab, signInPage, within, type BenchBrowser } from './lib/browser.ts';
import type { BenchContext } from './lib/context.ts';
import { deviceIdFor, makeCaseload, makeClientFields, Rng, SeedDevice } from './lib/data.ts';
import { removeDir, startSiltaServer, tempDir } from './lib/processes.ts';
import type { BarRow, SuiteResult } from './lib/report.ts';
import { createPouchDb, noteDoc, noteInserts, pouchDocCount, seedPouch, seedSilta } from './lib/seed.ts';
import { describe, figure } from './lib/stats.ts';

export const P5_SEED = 20_261_130;
const CLIENTS = 1000;
/** A round of the largest size is not started after this much of P5 has passed (it takes 2–4 minutes). */
const ROUND_BUDGET_MS = 12 * 60_000;

interface Plan {
  readonly size: number;
  /** Rounds of Silta + floor. */
  readonly rounds: number;
  /** How many of those rounds also run PouchDB (it is by far the slowest leg). */
  readonly pouchRounds: number;
  /** Upper bound for one leg. */
  readonly legTimeoutMs: number;
}

export function p5Plans(quick: boolean): Plan[] {
  if (quick) return [{ size: 10_000, rounds: 2, pouchRounds: 1, legTimeoutMs: 180_000 }];
  return [
    { size: 10_000, rounds: 3, pouchRounds: 3, legTimeoutMs: 180_000 },
    { size: 100_000, rounds: 3, pouchRounds: 1, legTimeoutMs: 600_000 },
  ];
}

async function onSiltaPage<T>(b: BenchBrowser, url: string, work: (page: Page) => Promise<T>): Promise<T> {
  const page = await b.siltaPage(url);
  try {
    return await work(page);
  } finally {
    await page.close();
  }
}

function checkStored(what: string, expected: number, r: FirstSyncResult): void {
  if (r.stored !== expected || !r.lastStored) throw new Error(`${what}: stored ${r.stored} of ${expected} (last note stored: ${r.lastStored})`);
}

async function siltaLeg(b: BenchBrowser, url: string, plan: Plan, args: FirstSyncArgs): Promise<FirstSyncResult> {
  return onSiltaPage(b, url, async (page) => {
    await signInPage(page, args.dbName);
    await settleTab();
    const result = await within(
      plan.legTimeoutMs,
      'Silta first sync',
      page.evaluate((a) => {
        const api = window.siltaBench;
        if (api === undefined) throw new Error('bench page not loaded');
        return api.siltaFirstSync(a);
      }, args),
    );
    checkStored('Silta', plan.size, result);
    await page.evaluate((name) => window.siltaBench?.deleteDb(name), args.dbName);
    return result;
  });
}

async function floorLeg(b: BenchBrowser, url: string, plan: Plan, args: FirstSyncArgs): Promise<FloorResult> {
  return onSiltaPage(b, url, async (page) => {
    await signInPage(page, null);
    await settleTab();
    const result = await within(
      plan.legTimeoutMs,
      'floor first sync',
      page.evaluate((a) => {
        const api = window.siltaBench;
        if (api === undefined) throw new Error('bench page not loaded');
        return api.floorFirstSync(a);
      }, args),
    );
    checkStored('floor', plan.size, result);
    await page.evaluate((name) => window.siltaBench?.deleteDb(name), args.dbName);
    return result;
  });
}

async function pouchLeg(b: BenchBrowser, pouchUrl: string, plan: Plan, args: FirstSyncArgs): Promise<PouchFirstSyncResult> {
  const page = await b.pouchPage(pouchUrl);
  try {
    const remote = `${pouchUrl}/notes${plan.size}`;
    await settleTab();
    const result = await within(
      plan.legTimeoutMs,
      'PouchDB first replication',
      page.evaluate((a) => {
        const api = window.pouchBench;
        if (api === undefined) throw new Error('pouch page not loaded');
        return api.firstSync(a);
      }, { ...args, remote }),
    );
    checkStored('PouchDB', plan.size + CLIENTS, result);
    await page.evaluate((name) => window.pouchBench?.destroy(name), args.dbName);
    return result;
  } finally {
    await page.close();
  }
}

interface Round {
  readonly silta: FirstSyncResult;
  readonly floor: FloorResult;
  readonly pouch: PouchFirstSyncResult | null;
  readonly order: string;
}

export async function runP5(ctx: BenchContext): Promise<SuiteResult> {
  const suiteStarted = Date.now();
  const plans = p5Plans(ctx.quick);
  const largest = Math.max(...plans.map((p) => p.size));
  ctx.log(`P5: generating ${largest} notes over ${CLIENTS} clients`);
  const { clientIds, notes } = makeCaseload(P5_SEED, CLIENTS, largest);
  const device = new SeedDevice(deviceIdFor(new Rng(P5_SEED + 1)), new Rng(P5_SEED + 2));
  // The notes' clients come first: the server hands a counsellor only notes of clients they can see.
  const clientRng = new Rng(P5_SEED + 3);
  const clients = clientIds.map((id, i) => ({ id, fields: makeClientFields(clientRng, i) }));
  const entries = [...clients.map((c) => device.insert('client', c.id, c.fields)), ...noteInserts(device, notes)];
  const pouch = await ctx.pouchServer();
  const dirs: string[] = [];
  const rows: BarRow[] = [];
  const raw: Record<string, unknown> = {};
  const notesOut: string[] = [];
  try {
    // One SQLite store per size: the larger one starts as a copy of the smaller and continues the same pushes.
    const storeDirs = new Map<number, string>();
    let previous: { dir: string; size: number } | null = null;
    for (const plan of [...plans].sort((a, b) => a.size - b.size)) {
      const dir = await tempDir(`p5-${plan.size}`);
      dirs.push(dir);
      if (previous !== null) await copyFile(join(previous.dir, SQLITE_FILE_NAME), join(dir, SQLITE_FILE_NAME));
      const started = performance.now();
      const store = await openSqliteStore(dir);
      await store.migrate();
      await seedSilta(store, device, entries.slice(previous === null ? 0 : CLIENTS + previous.size, CLIENTS + plan.size));
      const count = await store.countRecords();
      await store.close();
      if (count !== CLIENTS + plan.size) throw new Error(`seeded ${count} records, expected ${CLIENTS + plan.size}`);
      // A copied store already holds the account.
      if (previous === null) await createBenchAccount({ dataDir: dir });
      ctx.log(`P5: Silta store with ${plan.size} notes seeded through applyPush in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      storeDirs.set(plan.size, dir);
      previous = { dir, size: plan.size };

      const pouchStarted = performance.now();
      const dbUrl = await createPouchDb(pouch.url, `notes${plan.size}`);
      await seedPouch(dbUrl, [...clients.map((c) => ({ _id: c.id, type: 'client', ...c.fields })), ...notes.slice(0, plan.size).map(noteDoc)]);
      if ((await pouchDocCount(dbUrl)) !== CLIENTS + plan.size) throw new Error('pouchdb-server seeding incomplete');
      ctx.log(`P5: pouchdb-server database with ${plan.size} notes seeded in ${((performance.now() - pouchStarted) / 1000).toFixed(1)} s`);
    }

    const b = await ctx.browser();
    let warmedUp = false;
    for (const plan of plans) {
      const dir = storeDirs.get(plan.size);
      if (dir === undefined) throw new Error('missing store');
      const server = await startSiltaServer({ dataDir: dir, staticDir: ctx.pages.siltaDir });
      const lastId = notes[plan.size - 1]?.id ?? '';
      const rounds: Round[] = [];
      let profile: BarRow | null = null;
      try {
        if (!warmedUp) {
          // Untimed: the first leg of a run pays for cold caches and the JIT on both sides.
          await siltaLeg(b, server.url, plan, { dbName: 'p5-warmup-silta', lastId });
          await floorLeg(b, server.url, plan, { dbName: 'p5-warmup-floor', lastId });
          warmedUp = true;
        }
        for (let r = 0; r < plan.rounds; r += 1) {
          if (r >= 2 && Date.now() - suiteStarted > ROUND_BUDGET_MS) {
            const note = `P5 ${label(plan.size)}: ${plan.rounds - r} of ${plan.rounds} rounds skipped: ${Math.round((Date.now() - suiteStarted) / 60_000)} min of P5 had passed (budget ${ROUND_BUDGET_MS / 60_000} min before a round starts).`;
            ctx.log(note);
            notesOut.push(note);
            break;
          }
          const names = { dbName: '', lastId };
          const siltaFirst = r % 2 === 0;
          let silta: FirstSyncResult | null = null;
          let floor: FloorResult | null = null;
          for (const leg of siltaFirst ? ['silta', 'floor'] : ['floor', 'silta']) {
            if (leg === 'silta') silta = await siltaLeg(b, server.url, plan, { ...names, dbName: `p5-silta-${plan.size}-${r}` });
            else floor = await floorLeg(b, server.url, plan, { ...names, dbName: `p5-floor-${plan.size}-${r}` });
          }
          const pouchResult = r < plan.pouchRounds ? await pouchLeg(b, pouch.url, plan, { dbName: `p5-pouch-${plan.size}-${r}`, lastId }) : null;
          if (silta === null || floor === null) throw new Error('a leg did not run');
          rounds.push({ silta, floor, pouch: pouchResult, order: siltaFirst ? 'silta,floor' : 'floor,silta' });
          ctx.log(
            `P5 ${plan.size} round ${r + 1}/${plan.rounds}: Silta ${(silta.ms / 1000).toFixed(2)} s, floor ${(floor.ms / 1000).toFixed(2)} s ` +
              `(download ${(floor.downloadMs / 1000).toFixed(2)} + write ${(floor.writeMs / 1000).toFixed(2)})` +
              (pouchResult ? `, PouchDB ${(pouchResult.ms / 1000).toFixed(2)} s (${pouchResult.requests} requests)` : ''),
          );
        }
        if (plan === plans[0]) {
          // Diagnostic, not a bar: the same steps as pullChanges run one after another, each timed.
          const timed = await onSiltaPage(b, server.url, async (page) => {
            await signInPage(page, `p5-profile-${plan.size}`);
            const result = await within(plan.legTimeoutMs, 'Silta profile', page.evaluate((name) => {
              const api = window.siltaBench;
              if (api === undefined) throw new Error('bench page not loaded');
              return api.siltaProfile(name);
            }, `p5-profile-${plan.size}`));
            await page.evaluate((name) => window.siltaBench?.deleteDb(name), `p5-profile-${plan.size}`);
            return result;
          });
          if (timed.stored !== plan.size) throw new Error(`profile stored ${timed.stored} notes`);
          raw[`p5_${plan.size}_profile`] = timed;
          profile = profileRow(plan, timed);
        }
      } finally {
        await server.stop();
      }
      raw[`p5_${plan.size}`] = { plan, rounds };
      rows.push(...p5Rows(plan, rounds), ...(profile !== null ? [profile] : []));
    }
  } finally {
    for (const dir of dirs) await removeDir(dir);
  }
  return { rows, raw, notes: notesOut };
}

function profileRow(plan: Plan, p: ProfileResult): BarRow {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return {
    id: 'P5',
    what: `Where Silta's first sync of ${label(plan.size)} spends its time: pullChanges' steps run one after another (information)`,
    measured:
      `${s(p.ms)} in all over ${p.pages} pages: fetch ${s(p.fetchMs)} (server, ${p.contentEncoding}, transfer), JSON.parse ${s(p.jsonParseMs)}, ` +
      `zod validation ${s(p.validateMs)}, applyServerRecords ${s(p.applyMs)} (n=1)`,
    bar: '',
    pass: null,
  };
}

function label(size: number): string {
  return size >= 1000 ? `${size / 1000}k` : String(size);
}

function p5Rows(plan: Plan, rounds: readonly Round[]): BarRow[] {
  const silta = figure(rounds.map((r) => r.silta.ms));
  const floor = figure(rounds.map((r) => r.floor.ms));
  const download = figure(rounds.map((r) => r.floor.downloadMs));
  const write = figure(rounds.map((r) => r.floor.writeMs));
  const ratio = figure(rounds.map((r) => r.silta.ms / r.floor.ms));
  const withPouch = rounds.filter((r): r is Round & { pouch: PouchFirstSyncResult } => r.pouch !== null);
  const pouch = figure(withPouch.map((r) => r.pouch.ms));
  const pouchRatio = figure(withPouch.map((r) => r.pouch.ms / r.silta.ms));
  const n = label(plan.size);
  return [
    {
      id: 'P5',
      what: `First sync of ${n} notes into empty IndexedDB: Silta ÷ floor`,
      measured: `${describe(ratio, 'x', 2)}; Silta ${describe(silta, 's')}, floor ${describe(floor, 's')} = download ${describe(download, 's')} + bulkPut ${describe(write, 's')}`,
      bar: '≤ 1.2x',
      pass: ratio.median <= 1.2,
    },
    {
      id: 'P5',
      what: `First sync of ${n} notes: PouchDB ÷ Silta`,
      measured: `${describe(pouchRatio, 'x', 2)}; PouchDB ${describe(pouch, 's')}`,
      bar: '≥ 5x',
      pass: pouchRatio.median >= 5,
    },
  ];
}
