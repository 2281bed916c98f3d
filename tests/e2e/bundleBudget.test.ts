/**
 * P1 (../shared/QUALITY.md): the JavaScript a device must download before the counsellor app can start is at most
 * 170 kB gzip. Measured on the built output: the entry script and every module it preloads, as index.html lists
 * them. Lazy chunks (screens, the sync panel) load afterwards and are not counted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = 'dist/client';
const COUNSELLOR_ENTRY_BUDGET = 170 * 1000;

function initialScripts(html: string): string[] {
  const entry = [...html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set([...entry, ...preloads])];
}

describe('bundle budget (P1)', () => {
  it('keeps the counsellor entry within 170 kB gzip', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const scripts = initialScripts(html);
    expect(scripts.length).toBeGreaterThan(0);
    const sizes = scripts.map((src) => ({ src, gzip: gzipSync(readFileSync(join(DIST, src))).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    const report = sizes.map((s) => `${s.src}: ${(s.gzip / 1000).toFixed(1)} kB`).join('\n');
    expect(total, `initial JS ${(total / 1000).toFixed(1)} kB gzip:\n${report}`).toBeLessThanOrEqual(COUNSELLOR_ENTRY_BUDGET);
  });
});
