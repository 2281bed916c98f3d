/**
 * `npm run bench`: Silta's performance benchmarks (QUALITY.md P2–P7), side by side in one run, on this machine.
 *
 *   npm run bench                          everything: P2, P3 (250k notes), P4, P5 (10k and 100k), P6, P7 (about 20 min)
 *   npm run bench -- --only=P5,P7 --quick  a subset with smaller data and fewer repeats, for iteration
 *   npm run bench -- --check               exit 1 naming each missed bar
 *   npm run bench -- --skip-build          reuse dist/ from an earlier `npm run build`
 *   npm run bench -- --only=P3 --compare=<dir>,<dir>   P3 on two builds (copies of dist/client), runs interleaved
 *
 * A full run writes bench/results/<date>.json and bench/results/latest.md; a partial one (--only or --quick) writes
 * <date>-partial.json and latest-partial.md so it never overwrites a full run. Never part of `npm test`.
 * Everything listens on 127.0.0.1; every child process is stopped by its PID, also on Ctrl-C.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { openBrowser, type BenchBrowser } from './lib/browser.ts';
import type { BenchContext } from './lib/context.ts';
import { buildPages } from './lib/pageBuild.ts';
import { killAllSync, removeDir, runCleanups, startPouchServer, tempDir, type Child } from './lib/processes.ts';
import { writeResults, type BarRow, type SuiteResult } from './lib/report.ts';
import { runP2 } from './p2.ts';
import { runP3 } from './p3.ts';
import { runP4 } from './p4.ts';
import { runP5 } from './p5.ts';
import { runP6 } from './p6.ts';
import { runP7 } from './p7.ts';

const SUITES = { P2: runP2, P3: runP3, P4: runP4, P5: runP5, P6: runP6, P7: runP7 } as const;
type SuiteId = keyof typeof SUITES;
const isSuite = (s: string): s is SuiteId => Object.hasOwn(SUITES, s);
/** What each suite shares: the runner stops each once no later suite of the run needs it. */
const usesBrowser: readonly SuiteId[] = ['P2', 'P3', 'P4', 'P5', 'P6'];
const usesPouch: readonly SuiteId[] = ['P5', 'P6'];

interface Options {
  readonly only: readonly SuiteId[];
  readonly quick: boolean;
  readonly check: boolean;
  readonly skipBuild: boolean;
  readonly compare: readonly string[];
}

function parseArgs(argv: readonly string[]): Options {
  let only: SuiteId[] = Object.keys(SUITES).filter(isSuite);
  let quick = false;
  let check = false;
  let skipBuild = false;
  let compare: string[] = [];
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg === '--check') check = true;
    else if (arg === '--skip-build') skipBuild = true;
    else if (arg.startsWith('--compare=')) compare = arg.slice('--compare='.length).split(',').map((d) => resolve(d.trim()));
    else if (arg.startsWith('--only=')) {
      const ids = arg.slice('--only='.length).split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== '');
      const unknown = ids.filter((s) => !isSuite(s));
      if (unknown.length > 0 || ids.length === 0) throw new Error(`--only takes a list of ${Object.keys(SUITES).join(', ')}; got "${arg}"`);
      only = ids.filter(isSuite);
    } else throw new Error(`unknown option ${arg} (known: --only=${Object.keys(SUITES).join(',')} --quick --check --skip-build --compare=<dir>,<dir>)`);
  }
  if (compare.length > 0 && (compare.length !== 2 || only.length !== 1 || only[0] !== 'P3')) {
    throw new Error('--compare takes two builds (copies of dist/client) and goes with --only=P3');
  }
  return { only, quick, check, skipBuild, compare };
}

const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

function build(): void {
  log('building the app and server (npm run build)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const started = new Date();
  const partial = options.quick || options.only.length < Object.keys(SUITES).length || options.compare.length > 0;
  if (!options.skipBuild) build();
  const work = await tempDir('pages');
  let browser: BenchBrowser | null = null;
  let pouch: Child | null = null;
  let chromium: string | null = null;
  const rows: BarRow[] = [];
  const raw: Record<string, unknown> = {};
  const failures: string[] = [];
  const load: string[] = [];
  const suiteNotes: string[] = [];
  try {
    log('building the benchmark pages (bench/page)');
    const pages = await buildPages(work);
    const ctx: BenchContext = {
      quick: options.quick,
      compare: options.compare,
      pages,
      async browser() {
        browser ??= await openBrowser(pages.pouchScript);
        chromium = browser.version;
        return browser;
      },
      async pouchServer() {
        pouch ??= await startPouchServer();
        return pouch;
      },
      log,
    };
    for (const [index, id] of options.only.entries()) {
      const before = loadavg()[0] ?? 0;
      log(`── ${id} ── (load average ${before.toFixed(2)})`);
      const t0 = performance.now();
      let result: SuiteResult;
      try {
        result = await SUITES[id](ctx);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        log(`${id} failed: ${message}`);
        failures.push(`${id}: ${error instanceof Error ? error.message : String(error)}`);
        result = { rows: [{ id, what: `${id} could not be measured`, measured: `error: ${error instanceof Error ? error.message : String(error)}`, bar: '', pass: false }], raw: {} };
      }
      rows.push(...result.rows);
      suiteNotes.push(...(result.notes ?? []));
      const after = loadavg()[0] ?? 0;
      raw[id] = { ...result.raw, seconds: (performance.now() - t0) / 1000, loadAverageBefore: before, loadAverageAfter: after };
      load.push(`${id} ${before.toFixed(1)} → ${after.toFixed(1)}`);
      // P7 measures the Silta server alone, so nothing another suite started runs beside it.
      const later = options.only.slice(index + 1);
      if (pouch !== null && !later.some((s) => usesPouch.includes(s))) {
        await (pouch as Child).stop();
        pouch = null;
      }
      if (browser !== null && !later.some((s) => usesBrowser.includes(s))) {
        await (browser as BenchBrowser).close();
        browser = null;
      }
    }
    const finished = new Date();
    const info = {
      date: started.toISOString().slice(0, 10),
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationSeconds: (finished.getTime() - started.getTime()) / 1000,
      mode: `${options.quick ? 'quick' : 'full'}, suites ${options.only.join(', ')}${options.compare.length > 0 ? `, comparing ${options.compare.join(' and ')}` : ''}`,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        chromium: chromium ?? chromiumVersion(),
        platform: `${process.platform} ${process.arch}`,
      },
      notes: [
        `One-minute load average when each suite started → ended: ${load.join('; ')} (on ${cpus().length} cores; anything above what this run itself adds is other work on the machine).`,
        ...suiteNotes,
        ...failures.map((f) => `Suite error: ${f}`),
      ],
    };
    const files = await writeResults(resolve('bench/results'), partial, info, rows, raw);
    console.log('');
    for (const r of rows) console.log(`${r.pass === null ? 'info' : r.pass ? 'pass' : 'FAIL'}  ${r.id}  ${r.what}: ${r.measured}  [bar ${r.bar || '—'}]`);
    log(`wrote ${files.join(' and ')}`);
    const missed = rows.filter((r) => r.pass === false);
    if (failures.length > 0) return 2;
    if (options.check && missed.length > 0) {
      console.error(`\nMissed bars:\n${missed.map((r) => `  ${r.id}: ${r.what}: ${r.measured} (bar ${r.bar})`).join('\n')}`);
      return 1;
    }
    return 0;
  } finally {
    if (browser !== null) await (browser as BenchBrowser).close().catch(() => undefined);
    if (pouch !== null) await (pouch as Child).stop().catch(() => undefined);
    await removeDir(work);
  }
}

function chromiumVersion(): string {
  const result = spawnSync(process.env['CHROME_PATH'] ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return (result.stdout ?? '').trim().replace(/^Chromium\s+/, '').split(' ')[0] ?? 'unknown';
}

process.on('exit', killAllSync);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping everything this run started`);
    killAllSync();
    void runCleanups().finally(() => process.exit(130));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
