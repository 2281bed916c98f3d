/**
 * The accessibility gate (tests/e2e/axe.ts) runs every rule that Lighthouse's accessibility score weighs, so a screen
 * the gate passes scores 100 there (QUALITY.md) for everything axe-core can see. Lighthouse runs only on pages it can
 * load by itself (the benchmark's P2 does so for the entry page); the gate reaches every screen, in four languages.
 */
import axe from 'axe-core';
import lighthouseConfig from 'lighthouse/core/config/default-config.js';
import { describe, expect, it } from 'vitest';
import { GATE_TAGS } from '../e2e/axe.ts';

/** Tags axe-core leaves out of a run unless they are asked for by name. */
const EXCLUDED_TAGS = ['experimental', 'deprecated'];

function weighedByLighthouse(): string[] {
  const refs = lighthouseConfig.categories?.['accessibility']?.auditRefs ?? [];
  return refs.filter((ref) => ref.weight > 0).map((ref) => ref.id);
}

describe('the accessibility gate', () => {
  it('runs every rule that Lighthouse’s accessibility score weighs', () => {
    const weighed = weighedByLighthouse();
    // Lighthouse 12.2.3 weighs 57 audits; an empty list would mean its config moved, not that nothing is needed.
    expect(weighed.length).toBeGreaterThan(50);
    const run = new Set(
      axe
        .getRules([...GATE_TAGS])
        .filter((rule) => !rule.tags.some((tag) => EXCLUDED_TAGS.includes(tag)))
        .map((rule) => rule.ruleId),
    );
    expect(weighed.filter((id) => !run.has(id))).toEqual([]);
  });

  it('checks that targets are at least 24 px (WCAG 2.2 AA, 2.5.8)', () => {
    expect(axe.getRules([...GATE_TAGS]).map((rule) => rule.ruleId)).toContain('target-size');
  });
});
