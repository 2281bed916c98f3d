/** The results: one row per bar (and a few informational rows), written as JSON and as a markdown table. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface BarRow {
  /** The QUALITY.md bar, e.g. "P5". */
  readonly id: string;
  readonly what: string;
  readonly measured: string;
  /** The bar as text, e.g. "≤ 1.2"; empty for an informational row. */
  readonly bar: string;
  /** null for an informational row, which cannot miss. */
  readonly pass: boolean | null;
}

export interface SuiteResult {
  readonly rows: BarRow[];
  /** Every run's raw numbers, for the JSON file. */
  readonly raw: Record<string, unknown>;
  /** Said under the table (e.g. a round skipped for time). */
  readonly notes?: readonly string[];
}

export interface RunInfo {
  readonly date: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationSeconds: number;
  readonly mode: string;
  readonly machine: Record<string, unknown>;
  readonly notes: readonly string[];
}

export function verdict(row: BarRow): string {
  return row.pass === null ? 'info' : row.pass ? 'pass' : '**FAIL**';
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function markdown(info: RunInfo, rows: readonly BarRow[]): string {
  const lines = [
    `# Silta performance benchmark — ${info.date}`,
    '',
    `Mode: ${info.mode}. Took ${Math.round(info.durationSeconds)} s. Machine: ${String(info.machine['cpus'])} × ${String(info.machine['cpuModel'])}, ` +
      `${String(info.machine['memoryGiB'])} GiB, Node ${String(info.machine['node'])}, Chromium ${String(info.machine['chromium'])}.`,
    '',
    'Each figure is the median of the runs, with min–max and the number of runs in brackets. Ratios are taken per ' +
      'run (legs measured back to back) and then summarised.',
    '',
    '| bar | what | measured | bar | result |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.id} | ${cell(r.what)} | ${cell(r.measured)} | ${cell(r.bar)} | ${verdict(r)} |`),
    '',
    ...(info.notes.length > 0 ? ['## Notes', '', ...info.notes.map((n) => `- ${n}`), ''] : []),
  ];
  return lines.join('\n');
}

export async function writeResults(dir: string, partial: boolean, info: RunInfo, rows: readonly BarRow[], raw: Record<string, unknown>): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const suffix = partial ? '-partial' : '';
  const jsonPath = join(dir, `${info.date}${suffix}.json`);
  const mdPath = join(dir, `latest${suffix}.md`);
  await writeFile(jsonPath, `${JSON.stringify({ ...info, rows, raw }, null, 2)}\n`);
  await writeFile(mdPath, `${markdown(info, rows)}\n`);
  return [jsonPath, mdPath];
}
