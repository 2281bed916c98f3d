import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's WCAG 2.1 A and AA violations on the page as it is, one paragraph each; empty when there are none. */
export async function violationsOn(page: Page): Promise<string> {
  // The app has no frames, so axe runs in the page itself (legacy mode), which is several times faster here.
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).setLegacyMode(true).options({ resultTypes: ['violations'] }).analyze();
  return violations
    .map((v) => {
      const where = v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`).join('\n');
      return `${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n  ${v.helpUrl}\n${where}`;
    })
    .join('\n');
}
