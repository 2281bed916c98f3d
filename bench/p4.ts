/**
 * P4: saving a record through the data layer (addNote → commitWrite: the note and its change-log entry, both sealed
 * with AES-GCM under the data key, written in one transaction) against one bare Dexie put of the same plain note
 * into a table with the app's notes indexes, in the same tab of the same Chromium. Notes of about 1 kB (lib/data.ts)
 * are saved one at a time, each awaited, as a person saves them; the two sides alternate which goes first.
 */
import type { Page } from 'playwright-core';
import type { NoteFields } from '#shared/schema/note.ts';
import type { SaveResult } from './page/api.ts';
import { within } from './lib/browser.ts';
import type { BenchContext } from './lib/context.ts';
import { makeCaseload } from './lib/data.ts';
import { removeDir, startSiltaServer, tempDir } from './lib/processes.ts';
import type { BarRow, SuiteResult } from './lib/report.ts';
import { describe, figure } from './lib/stats.ts';

const SEED = 4_004;
const SAVES = 100;

interface Run {
  readonly silta: SaveResult;
  readonly bare: SaveResult;
  readonly order: string;
}

function save(page: Page, dbName: string, notes: readonly NoteFields[], bare: boolean): Promise<SaveResult> {
  return within(
    120_000,
    `P4 ${bare ? 'bare put' : 'data layer save'}`,
    page.evaluate((args) => {
      const api = window.siltaBench;
      if (api === undefined) throw new Error('bench page not loaded');
      return api.saveNotes(args);
    }, { dbName, notes, bare }),
  );
}

export async function runP4(ctx: BenchContext): Promise<SuiteResult> {
  const runs = ctx.quick ? 3 : 7;
  const { notes } = makeCaseload(SEED, 50, SAVES * (runs + 1));
  const batch = (i: number) => notes.slice(i * SAVES, (i + 1) * SAVES).map((n) => n.fields);
  const dir = await tempDir('p4');
  try {
    // The page needs an origin and no API: no account, no sign-in.
    const server = await startSiltaServer({ dataDir: dir, staticDir: ctx.pages.siltaDir });
    try {
      return await measure(ctx, server.url, runs, batch);
    } finally {
      await server.stop();
    }
  } finally {
    await removeDir(dir);
  }
}

async function measure(ctx: BenchContext, url: string, runs: number, batch: (i: number) => NoteFields[]): Promise<SuiteResult> {
  const b = await ctx.browser();
  const page = await b.siltaPage(url);
  try {
    // Untimed: opening both databases, the data key, the JIT.
    await save(page, 'p4-silta', batch(0), false);
    await save(page, 'p4-bare', batch(0), true);
    const out: Run[] = [];
    for (let r = 0; r < runs; r += 1) {
      const these = batch(r + 1);
      const siltaFirst = r % 2 === 0;
      const first = await save(page, siltaFirst ? 'p4-silta' : 'p4-bare', these, !siltaFirst);
      const second = await save(page, siltaFirst ? 'p4-bare' : 'p4-silta', these, siltaFirst);
      const run = siltaFirst ? { silta: first, bare: second } : { silta: second, bare: first };
      out.push({ ...run, order: siltaFirst ? 'silta,bare' : 'bare,silta' });
      ctx.log(`P4 run ${r + 1}/${runs}: ${SAVES} saves, data layer ${run.silta.totalMs.toFixed(0)} ms, bare put ${run.bare.totalMs.toFixed(0)} ms`);
    }
    await page.evaluate(async () => {
      await window.siltaBench?.deleteDb('p4-silta');
      await window.siltaBench?.deleteDb('p4-bare');
    });
    return { rows: p4Rows(out), raw: { saves: SAVES, runs: out } };
  } finally {
    await page.close();
  }
}

function p4Rows(runs: readonly Run[]): BarRow[] {
  const ratio = figure(runs.map((r) => r.silta.totalMs / r.bare.totalMs));
  const silta = figure(runs.map((r) => r.silta.totalMs / SAVES));
  const bare = figure(runs.map((r) => r.bare.totalMs / SAVES));
  const siltaSaves = figure(runs.flatMap((r) => r.silta.perSave));
  const bareSaves = figure(runs.flatMap((r) => r.bare.perSave));
  return [
    {
      id: 'P4',
      what: `Saving a note (record + change-log entry, both AES-GCM sealed, one transaction) ÷ a bare Dexie put of the same note; ${SAVES} saves a run, one at a time`,
      measured: `${describe(ratio, 'x', 2)}; mean per save: data layer ${describe(silta, 'ms', 2)}, bare put ${describe(bare, 'ms', 2)}`,
      bar: '≤ 2x',
      pass: ratio.median <= 2,
    },
    {
      id: 'P4',
      what: 'Single saves over all runs (information)',
      measured: `data layer median ${siltaSaves.median.toFixed(2)} ms (${siltaSaves.min.toFixed(2)}–${siltaSaves.max.toFixed(2)} ms), bare put median ${bareSaves.median.toFixed(2)} ms (${bareSaves.min.toFixed(2)}–${bareSaves.max.toFixed(2)} ms), n=${siltaSaves.runs.length} each`,
      bar: '',
      pass: null,
    },
  ];
}
