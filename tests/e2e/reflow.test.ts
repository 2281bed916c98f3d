/**
 * Reflow and target size (QUALITY.md, "Accessibility and language"; WCAG 1.4.10, 2.5.8): at 320 CSS px wide and at
 * 200 % zoom, every screen of the shared table `gateScreens` (appDriver.ts) scrolls only vertically and keeps its
 * controls inside the viewport's width; every control is a target of at least 24 x 24 CSS px.
 *
 * 200 % zoom is emulated as its CSS-pixel equivalent: a 1280 x 768 screen at 200 % lays out as 640 x 384 CSS px
 * (a larger deviceScaleFactor only sharpens pixels and changes no layout, so it is not zoom).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serverAndBrowserPerFile, testAdmin } from './environment.ts';
import { gateLanguages, gateScreens, gateTabFor, testAccount, leaveScreen, openAppIn, seedGateRecords, showScreen, switchLanguage, waitForSeededRecords, type AppTab, type GateTabs, type SeededIds } from './appDriver.ts';

const env = serverAndBrowserPerFile();

const viewports = [
  { name: '320 CSS px wide', width: 320, height: 640 },
  { name: '200 % zoom (1280 x 768 at 200 %)', width: 640, height: 384 },
] as const;

/** The minimum target size of WCAG 2.5.8 (AA), which QUALITY.md sets for the staff app. */
const MIN_TARGET = 24;

interface Problem {
  readonly what: string;
  readonly problem: string;
}

/** Everything wrong with the current layout, described for a failure message; empty when all is well. */
function layoutProblems(page: Page, minTarget: number): Promise<Problem[]> {
  return page.evaluate((min) => {
    const problems: { what: string; problem: string }[] = [];
    const scroller = document.scrollingElement ?? document.documentElement;
    const width = document.documentElement.clientWidth;
    const describe = (el: Element) => {
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${cls} "${text || ((el as HTMLInputElement).labels?.[0]?.textContent ?? '').trim()}"`;
    };
    if (scroller.scrollWidth > scroller.clientWidth + 1) {
      // Name the culprits: boxes past the edge, or boxes whose own content (a long word) sticks out of them.
      const culprits = [...document.body.querySelectorAll('*')]
        .filter((el) => {
          const style = getComputedStyle(el);
          if (style.overflowX === 'auto' || style.overflowX === 'scroll') return false;
          return el.getBoundingClientRect().right > width + 1 || el.getBoundingClientRect().left < -1 || (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0);
        })
        .filter((el, _i, all) => !all.some((other) => other !== el && el.contains(other)))
        .slice(0, 5)
        .map(describe);
      problems.push({ what: 'page', problem: `scrolls sideways: ${scroller.scrollWidth} px content in ${scroller.clientWidth} px; see ${culprits.join(', ')}` });
    }
    /** Hidden from sight but not from assistive technology (react-aria's VisuallyHidden and the like). */
    const visuallyHidden = (el: Element) => {
      for (let node: Element | null = el; node && node !== document.body; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.clipPath === 'inset(50%)' || style.clip === 'rect(0px, 0px, 0px, 0px)') return true;
      }
      return false;
    };
    // The controls of the app: header, sync panel, the screen itself, and any dialog or open select list.
    const regions = ['header', '.sync-panel', 'main', 'footer', '.update-prompt', '[role=dialog]', '[role=listbox]'];
    const kinds = ['a[href]', 'button', 'input', 'textarea', 'select', 'summary', '[role=option]'];
    const controls = document.querySelectorAll(regions.flatMap((r) => kinds.map((k) => `${r} ${k}`)).join(', '));
    const seen = new Set<Element>();
    for (const control of controls) {
      if (control.closest('[aria-hidden="true"], [inert]')) continue;
      // A visually hidden native input (react-aria's checkbox and radio) is operated through its drawn label; a
      // visually hidden button (a popover's "dismiss" for screen readers) is no target at all.
      let target: Element = control;
      if (visuallyHidden(control)) {
        const label = control.closest('label');
        if (!label) continue;
        target = label;
      }
      if (seen.has(target)) continue;
      seen.add(target);
      const style = getComputedStyle(target);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const rect = target.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (rect.left < -1 || rect.right > width + 1) {
        problems.push({ what: describe(target), problem: `outside the viewport's width: ${Math.round(rect.left)}..${Math.round(rect.right)} of ${width} px` });
      }
      // Links inside a sentence are exempt from the target size (WCAG 2.5.8, "inline").
      const inline = target.matches('p a');
      if (!inline && (rect.width < min - 0.5 || rect.height < min - 0.5)) {
        problems.push({ what: describe(target), problem: `target ${rect.width.toFixed(1)} x ${rect.height.toFixed(1)} px, below ${min} x ${min}` });
      }
    }
    return problems;
  }, minTarget);
}

// One profile for the whole file, switched from language to language as the language select does, and a second one
// signed in as the administrator for the admin screens.
let ids: SeededIds;
let tab: AppTab;
let tabs: GateTabs;
beforeAll(async () => {
  ids = await seedGateRecords(env.browser, env.server.url);
  const viewport = { width: viewports[0].width, height: viewports[0].height };
  tab = await openAppIn(env.browser, env.server.url, gateLanguages[0], viewport);
  tabs = { counsellor: tab, admin: await openAppIn(env.browser, env.server.url, gateLanguages[0], viewport, { ...testAdmin, pin: testAccount.pin }) };
  await waitForSeededRecords(tab.page, ids);
}, 120_000);
afterAll(async () => {
  await tab.context.close();
  await tabs.admin.context.close();
});

describe.each(gateLanguages)('reflow and target size, in %s', (lng) => {
  beforeAll(async () => {
    await switchLanguage(tab, lng);
    await switchLanguage(tabs.admin, lng);
  }, 60_000);

  describe.each(viewports)('at $name', (viewport) => {
    it.each(gateScreens.map((s) => [s.name, s] as const))('%s: no sideways scrolling, controls in view, targets >= 24 px', async (_name, screen) => {
      const shown = gateTabFor(tabs, screen);
      await shown.page.setViewportSize({ width: viewport.width, height: viewport.height });
      await showScreen(shown, screen, ids);
      const problems = await layoutProblems(shown.page, MIN_TARGET);
      await leaveScreen(shown, screen, ids);
      const report = problems.map((p) => `  ${p.what}: ${p.problem}`).join('\n');
      expect(report, `"${screen.name}" in ${lng} at ${viewport.name}:\n${report}`).toBe('');
    });
  });
});
