/**
 * P2: Lighthouse 12 (its default mobile preset: simulated 150 ms RTT, 1.6 Mbps down, 4x CPU slowdown) on the app's
 * entry page as the real server serves the built app, a first visit each run (Lighthouse clears the origin's
 * storage first); then a repeat visit offline in Chromium: the page loaded once online (the service worker installs
 * and takes control), the network cut, the page loaded again, and it must render.
 *
 * The client (phone) app and its articles do not exist yet, so the page measured is the staff app's entry, which a
 * signed-out device opens on its sign-in screen.
 *
 * Lighthouse's accessibility score (QUALITY.md: 100), once per page it can load by itself, signed out: the entry and
 * the accessibility statement. It does not depend on speed; the gate in `npm test` runs the same rules on every
 * screen (tests/e2e/axe.ts).
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromePath, chromiumFlags } from '../tests/support/chromium.ts';
import type { BenchContext } from './lib/context.ts';
import { onInterrupt, removeDir, startSiltaServer, tempDir } from './lib/processes.ts';
import type { BarRow, SuiteResult } from './lib/report.ts';
import { describe, figure } from './lib/stats.ts';


interface LighthouseRun {
  readonly score: number;
  readonly lcpMs: number;
  readonly cls: number;
  readonly tbtMs: number;
  readonly fcpMs: number;
}

interface OfflineRun {
  readonly rendered: boolean;
  /** The offline load's largest contentful paint, unthrottled. */
  readonly lcpMs: number;
  readonly heading: string;
}

interface AccessibilityRun {
  readonly path: string;
  readonly score: number;
  /** The weighed audits that failed, each with how many elements it names. */
  readonly failed: readonly string[];
}

/** A Chromium for Lighthouse, killed after `work` (and if the benchmark is interrupted). */
async function withLighthouseChrome<T>(work: (port: number) => Promise<T>): Promise<T> {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: chromiumFlags, logLevel: 'silent' });
  const forget = onInterrupt(() => Promise.resolve(chrome.kill()));
  try {
    return await work(chrome.port);
  } finally {
    chrome.kill();
    forget();
  }
}

async function lighthouseReport(url: string, port: number, category: 'performance' | 'accessibility') {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [category] });
  const lhr = result?.lhr;
  // An unreachable page gives null scores rather than an error.
  if (lhr === undefined || lhr.runtimeError !== undefined) throw new Error(`Lighthouse: ${lhr?.runtimeError?.message ?? 'no result'}`);
  return lhr;
}

function lighthouseRuns(ctx: BenchContext, url: string, runs: number): Promise<LighthouseRun[]> {
  return withLighthouseChrome(async (port) => {
    const out: LighthouseRun[] = [];
    for (let r = 0; r < runs; r += 1) {
      const lhr = await lighthouseReport(url, port, 'performance');
      const value = (id: string) => {
        const v = lhr.audits[id]?.numericValue;
        if (v === undefined) throw new Error(`Lighthouse reported no ${id}`);
        return v;
      };
      const run = {
        score: Math.round((lhr.categories['performance']?.score ?? 0) * 100),
        lcpMs: value('largest-contentful-paint'),
        cls: value('cumulative-layout-shift'),
        tbtMs: value('total-blocking-time'),
        fcpMs: value('first-contentful-paint'),
      };
      ctx.log(`P2 Lighthouse run ${r + 1}/${runs}: performance ${run.score}, LCP ${run.lcpMs.toFixed(0)} ms, CLS ${run.cls.toFixed(3)}, TBT ${run.tbtMs.toFixed(0)} ms`);
      out.push(run);
    }
    return out;
  });
}

function accessibilityRuns(ctx: BenchContext, origin: string, paths: readonly string[]): Promise<AccessibilityRun[]> {
  return withLighthouseChrome(async (port) => {
    const out: AccessibilityRun[] = [];
    for (const path of paths) {
      const lhr = await lighthouseReport(`${origin}${path}`, port, 'accessibility');
      const failed = (lhr.categories['accessibility']?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score === 0)
        .map((ref) => {
          const details = lhr.audits[ref.id]?.details;
          const elements = details !== undefined && 'items' in details ? (details.items as unknown[]).length : 0;
          return `${ref.id} (${elements})`;
        });
      const run = { path, score: Math.round((lhr.categories['accessibility']?.score ?? 0) * 100), failed };
      ctx.log(`P2 Lighthouse accessibility ${path}: ${run.score}${failed.length > 0 ? `, failed: ${failed.join(', ')}` : ''}`);
      out.push(run);
    }
    return out;
  });
}

async function offlineRuns(ctx: BenchContext, url: string, runs: number): Promise<OfflineRun[]> {
  const b = await ctx.browser();
  const out: OfflineRun[] = [];
  for (let r = 0; r < runs; r += 1) {
    const context = await b.browser.newContext({ locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
      await context.setOffline(true);
      await page.reload();
      const heading = page.getByRole('heading', { level: 1 }).first();
      const rendered = await heading.waitFor({ timeout: 15_000 }).then(() => true, () => false);
      const lcpMs = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            new PerformanceObserver((list) => resolve(list.getEntries().at(-1)?.startTime ?? -1)).observe({ type: 'largest-contentful-paint', buffered: true });
          }),
      );
      out.push({ rendered, lcpMs, heading: rendered ? ((await heading.textContent()) ?? '') : '' });
      ctx.log(`P2 offline repeat visit ${r + 1}/${runs}: ${rendered ? `rendered "${out.at(-1)?.heading}"` : 'nothing rendered'}, LCP ${lcpMs.toFixed(0)} ms`);
    } finally {
      await context.close();
    }
  }
  return out;
}

export async function runP2(ctx: BenchContext): Promise<SuiteResult> {
  const runs = ctx.quick ? 1 : 3;
  const dir = await tempDir('p2');
  try {
    const server = await startSiltaServer({ dataDir: dir });
    try {
      const url = `${server.url}/`;
      const first = await lighthouseRuns(ctx, url, runs);
      const offline = await offlineRuns(ctx, url, runs);
      const accessibility = await accessibilityRuns(ctx, server.url, ACCESSIBILITY_PATHS);
      return { rows: [...p2Rows(first, offline), accessibilityRow(accessibility)], raw: { url: 'the staff entry (/), signed out: the sign-in screen', first, offline, accessibility } };
    } finally {
      await server.stop();
    }
  } finally {
    await removeDir(dir);
  }
}

/** Signed out, Lighthouse reaches these by itself: the sign-in screen and the accessibility statement. */
const ACCESSIBILITY_PATHS = ['/', '/accessibility'] as const;

function accessibilityRow(runs: readonly AccessibilityRun[]): BarRow {
  return {
    id: 'A11y',
    what: `Lighthouse accessibility score (mobile), signed out: ${runs.map((r) => r.path).join(' and ')}`,
    measured: runs.map((r) => `${r.path} ${r.score}${r.failed.length > 0 ? ` (failed: ${r.failed.join(', ')})` : ''}`).join('; '),
    bar: '= 100',
    pass: runs.every((r) => r.score === 100),
  };
}

function p2Rows(first: readonly LighthouseRun[], offline: readonly OfflineRun[]): BarRow[] {
  const score = figure(first.map((r) => r.score));
  const lcp = figure(first.map((r) => r.lcpMs));
  const cls = figure(first.map((r) => r.cls));
  const tbt = figure(first.map((r) => r.tbtMs));
  const fcp = figure(first.map((r) => r.fcpMs));
  const page = 'staff entry\'s sign-in screen (no client entry yet)';
  const rendered = offline.filter((r) => r.rendered).length;
  return [
    { id: 'P2', what: `Lighthouse mobile, first visit, ${page}: performance score`, measured: `${describe(score, '', 0)}; FCP ${describe(fcp, 'ms', 0)}`, bar: '≥ 95', pass: score.median >= 95 },
    { id: 'P2', what: `Lighthouse mobile, first visit, ${page}: LCP`, measured: describe(lcp, 'ms', 0), bar: '≤ 1,500 ms', pass: lcp.median <= 1500 },
    { id: 'P2', what: `Lighthouse mobile, first visit, ${page}: CLS`, measured: describe(cls, '', 3), bar: '≤ 0.05', pass: cls.median <= 0.05 },
    { id: 'P2', what: `Lighthouse mobile, first visit, ${page}: TBT`, measured: describe(tbt, 'ms', 0), bar: '≤ 150 ms', pass: tbt.median <= 150 },
    {
      id: 'P2',
      what: `Repeat visit offline (service worker), ${page}, Chromium unthrottled`,
      measured: `rendered in ${rendered} of ${offline.length} visits; LCP ${describe(figure(offline.map((r) => r.lcpMs)), 'ms', 0)}`,
      bar: 'renders',
      pass: rendered === offline.length,
    },
  ];
}
