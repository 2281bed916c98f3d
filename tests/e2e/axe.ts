import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * The rules the gate runs, by axe-core's tags: WCAG 2.0 and 2.1 A and AA (Act 306/2019), axe's best practices
 * (landmarks, heading order, one main), and WCAG 2.2 AA, whose only rule here is `target-size` (targets at least
 * 24 by 24 CSS px, as QUALITY.md asks). That is also every rule Lighthouse's accessibility score weighs, which
 * QUALITY.md wants at 100; tests/unit/axeRules.test.ts keeps it so when either is upgraded.
 */
export const GATE_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe-core's violations on the page as it is, one paragraph each; empty when there are none. */
export async function violationsOn(page: Page): Promise<string> {
  // The app has no frames, so axe runs in the page itself (legacy mode), which is several times faster here.
  const { violations } = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ runOnly: { type: 'tag', values: [...GATE_TAGS] }, resultTypes: ['violations'] })
    .analyze();
  return violations
    .map((v) => {
      const where = v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`).join('\n');
      return `${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n  ${v.helpUrl}\n${where}`;
    })
    .join('\n');
}
