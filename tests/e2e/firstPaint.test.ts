/**
 * The first screen arrives whole and stays put (QUALITY.md P2, CLS ≤ 0.05), on a phone-sized window in Chromium:
 * the app's first render into the page already holds the header with its count of unsynced changes and the sign-in
 * (or, on a signed-in device, unlock) form, and nothing moves once shown, web fonts included.
 *
 * Before: the session screen's lazy component suspended at the first render although its code was loaded, so React
 * painted the page around an empty main and showed the form at least 300 ms later; and the count appeared after the
 * first paint, which on a phone pushed the language select to a second row and the whole page down (CLS 0.28).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serverAndBrowserPerFile } from './environment.ts';
import { signIn } from './appDriver.ts';

const env = serverAndBrowserPerFile();

interface Watch {
  firstRender?: string[];
  shifts: number[];
}

const WHOLE_SCREEN = ['header', 'main h1', 'main form', '[data-testid="unsynced-count"]', 'header select'];

/** Runs before the app's scripts at every load: which of `parts` the first render put into #root, and every layout shift. */
function watchFirstRender(parts: readonly string[]) {
  const w = window as unknown as Watch;
  w.shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.shifts.push((entry as unknown as { value: number }).value);
  }).observe({ type: 'layout-shift', buffered: true });
  new MutationObserver((_records, observer) => {
    const root = document.getElementById('root');
    if (root === null || root.childElementCount === 0) return;
    w.firstRender = parts.filter((s) => root.querySelector(s) !== null);
    observer.disconnect();
  }).observe(document, { subtree: true, childList: true });
}

/** After the screen's heading, its fonts and two more frames: what the first render held, and the shifts summed. */
async function settled(page: Page, heading: string): Promise<{ firstRender: string[] | undefined; layoutShift: number }> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  return page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const w = window as unknown as Watch;
    return { firstRender: w.firstRender, layoutShift: w.shifts.reduce((a, b) => a + b, 0) };
  });
}

describe('the first screen, on a phone-sized window', () => {
  it('renders whole at once and does not move, signed out and then locked', async () => {
    const context = await env.browser.newContext({ locale: 'en-GB', viewport: { width: 412, height: 823 } });
    try {
      await context.addInitScript(watchFirstRender, WHOLE_SCREEN);
      const page = await context.newPage();
      await page.goto(`${env.server.url}/`);
      const signInScreen = await settled(page, 'Sign in');
      expect(signInScreen.firstRender).toEqual(WHOLE_SCREEN);
      expect(signInScreen.layoutShift).toBeLessThanOrEqual(0.05);

      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
      await signIn(page);
      await page.reload();
      const unlockScreen = await settled(page, 'Silta is locked');
      expect(unlockScreen.firstRender).toEqual(WHOLE_SCREEN);
      expect(unlockScreen.layoutShift).toBeLessThanOrEqual(0.05);
    } finally {
      await context.close();
    }
  });
});
