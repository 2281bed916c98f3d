/**
 * A load autocannon does not make: `devices` clients that each ask once a period, each at its own moment of it
 * (evenly spread over the period), as devices on their own timers do. autocannon's rate limit fires every
 * connection in the same tick, which is a burst, not devices. A device's next request waits for its previous
 * answer (an app does not pull twice at once), and every latency counts from when the request was due, not from
 * when it could be sent, so a server falling behind shows as latency instead of as fewer requests.
 */
export interface OpenLoopResult {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly perSecond: number;
  readonly failures: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

export async function openLoop(url: string, headers: Record<string, string>, devices: number, periodMs: number, durationMs: number): Promise<OpenLoopResult> {
  const start = performance.now() + 100;
  const end = start + durationMs;
  const latencies: number[] = [];
  let failures = 0;
  async function device(phase: number): Promise<void> {
    for (let due = start + phase; due < end; due += periodMs) {
      await sleepUntil(due);
      try {
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (!res.ok) failures += 1;
      } catch {
        failures += 1;
      }
      latencies.push(performance.now() - due);
    }
  }
  await Promise.all(Array.from({ length: devices }, (_, i) => device((i * periodMs) / devices)));
  const sorted = latencies.sort((a, b) => a - b);
  return {
    p50: Math.round(percentile(sorted, 50)),
    p99: Math.round(percentile(sorted, 99)),
    max: Math.round(sorted.at(-1) ?? Number.NaN),
    perSecond: (latencies.length / durationMs) * 1000,
    failures,
  };
}
