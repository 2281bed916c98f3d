/**
 * Fills an empty store with the demo caseload through applyPush, as if one device had synced it: the demo data
 * is ordinary synced data, with stamps, sequence numbers and entry ids like any other.
 */
import { MAX_PUSH_ENTRIES, PROTOCOL_VERSION, type ChangeEntry } from '#shared/schema/sync.ts';
import { initialHlc, serializeHlc, tick } from '#shared/sync/hlc.ts';
import type { Store } from '../store/types.ts';
import { systemActor } from './actor.ts';
import { applyPush } from './applyPush.ts';
import { demoWrites } from './demoData.ts';

export const DEMO_DEVICE_ID = '5eed5eed5eed5eed';
export const DEFAULT_DEMO_SEED = 20_250_101;

export interface SeedOptions {
  /** Dates are spread over the year before this moment. */
  readonly now: Date;
  readonly seed?: number;
}

export interface SeedResult {
  readonly seeded: boolean;
  readonly clients: number;
  readonly notes: number;
}

export async function seedDemo(store: Store, options: SeedOptions): Promise<SeedResult> {
  if ((await store.countRecords()) > 0) return { seeded: false, clients: 0, notes: 0 };
  let clock = initialHlc(DEMO_DEVICE_ID);
  const entries: ChangeEntry[] = demoWrites(options.now, options.seed ?? DEFAULT_DEMO_SEED).map((write) => {
    clock = tick(clock, write.at);
    return {
      op: 'insert',
      id: write.entryId,
      recordType: write.recordType,
      recordId: write.recordId,
      data: write.data,
      hlc: serializeHlc(clock),
    };
  });
  for (let i = 0; i < entries.length; i += MAX_PUSH_ENTRIES) {
    const batch = entries.slice(i, i + MAX_PUSH_ENTRIES);
    const { results } = await applyPush(store, systemActor, { v: PROTOCOL_VERSION, deviceId: DEMO_DEVICE_ID, entries: batch });
    const rejected = results.find((r) => r.status === 'rejected');
    // Ids depend only on the seed and the day, so a second instance seeding the same day only hears `duplicate`.
    if (rejected) throw new Error(`demo entry ${rejected.id} was rejected: ${rejected.code ?? 'unknown'}`);
  }
  const clients = entries.filter((e) => e.recordType === 'client').length;
  return { seeded: true, clients, notes: entries.length - clients };
}
