/** Medians and spreads: every figure the benchmark reports is a median with its min–max over the runs. */
export interface Figure {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: readonly number[];
}

export function figure(runs: readonly number[]): Figure {
  if (runs.length === 0) throw new Error('no runs to summarise');
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0, runs: [...runs] };
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** "28.1 s (27.5–29.0 s, n=3)" style text. */
export function describe(f: Figure, unit: 's' | 'ms' | 'x' | '/s' | '', digits = 1): string {
  const scale = unit === 's' ? 1 / 1000 : 1;
  const v = (n: number) => fixed(n * scale, digits);
  const u = unit === '' || unit === 'x' ? unit : ` ${unit}`;
  const spread = f.runs.length > 1 ? ` (${v(f.min)}–${v(f.max)}${u}, n=${f.runs.length})` : ' (n=1)';
  return `${v(f.median)}${u}${spread}`;
}
