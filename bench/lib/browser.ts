/**
 * The benchmark's Chromium: Debian's /usr/bin/chromium through playwright-core with the project's flags
 * (tests/support/chromium.ts), one browser and one context (one fresh profile) for the whole run, a fresh tab for
 * every measured leg.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../tests/support/chromium.ts';
import { BENCH_ACCOUNT } from './account.ts';

export interface BenchBrowser {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly version: string;
  /** A new tab on the Silta page (served by a Silta server at `url`), ready when `window.siltaBench` is. */
  siltaPage(url: string): Promise<Page>;
  /** A new tab on pouchdb-server's origin with the PouchDB page script injected. */
  pouchPage(url: string): Promise<Page>;
  close(): Promise<void>;
}

export async function openBrowser(pouchScript: string): Promise<BenchBrowser> {
  const browser = await launchChromium();
  const context = await browser.newContext();
  return {
    browser,
    context,
    version: browser.version(),
    async siltaPage(url) {
      const page = await context.newPage();
      await page.goto(`${url}/`);
      await page.waitForFunction(() => window.siltaBench !== undefined, undefined, { timeout: 30_000 });
      return page;
    },
    async pouchPage(url) {
      const page = await context.newPage();
      await page.goto(`${url}/`);
      await page.addScriptTag({ content: pouchScript });
      await page.waitForFunction(() => window.pouchBench !== undefined, undefined, { timeout: 30_000 });
      return page;
    },
    async close() {
      await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/**
 * Signs the benchmark page in as the device of `dbName` (null: a new device). The cookie lands in the context's
 * one jar, so every tab of the run carries the latest session; a device's push must come after its own sign-in.
 */
export function signInPage(page: Page, dbName: string | null): Promise<string> {
  return page.evaluate((args) => {
    const api = window.siltaBench;
    if (api === undefined) throw new Error('bench page not loaded');
    return api.signIn(args);
  }, { username: BENCH_ACCOUNT.username, password: BENCH_ACCOUNT.password, dbName });
}

/**
 * How long a new tab is left alone before a timed leg. Right after a tab is ready and signed in, its renderer still
 * works for about a second (0.5–0.8 s of CPU, measured per process in /proc): on two cores that work ran inside the
 * timed leg and slowed whichever leg came next by 10–20 %.
 */
const TAB_SETTLE_MS = 1500;

/** Waits until a freshly opened tab's own start-up work is done, so a timed leg measures only itself. */
export function settleTab(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, TAB_SETTLE_MS));
}

/** Rejects when `work` takes longer than `ms`: every browser step of the benchmark is bounded in time. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
