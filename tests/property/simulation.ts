/**
 * A deterministic model of Silta's sync for property tests. The merge code is the real one (applyChange on the
 * server, localInsert/localSet/localDelete and mergeStates on devices, the real hybrid logical clock); the rest is
 * the smallest model of applyPush, computePull and applyServerRecords that keeps their promises: the server is
 * idempotent by entry id and bumps a record's sequence only when its state changed (as applyPush does), a pull page
 * is applied whole with its cursor or not at all, and a device drops log entries only once it has heard an answer.
 * The network loses requests, loses responses, and holds requests back to deliver them late.
 */
import fc from 'fast-check';
import type { ChangeEntry } from '#shared/schema/sync.ts';
import { initialHlc, receive, serializeHlc, tick, type HlcState } from '#shared/sync/hlc.ts';
import { applyChange, mergeStates, sameJson, type ConflictDraft, type Json, type RecordState } from '#shared/sync/merge.ts';
import { localDelete, localInsert, localSet, type LocalWrite } from '#shared/sync/ops.ts';

const T0 = 1_764_480_000_000;
export const DAY = 24 * 60 * 60 * 1000;
const PUSH_LIMIT = 100;

/** Small pools, so that two devices often write the same value and the no-conflict path for equal values runs. */
export const CLIENT_VALUES = {
  lastName: ['Virtanen', 'Korhonen', 'Haddad'],
  status: ['active', 'paused', 'closed'],
  phone: ['040 111 2222', '050 333 4444'],
} as const satisfies Record<string, readonly string[]>;
export const CLIENT_FIELDS = Object.keys(CLIENT_VALUES) as (keyof typeof CLIENT_VALUES)[];

export type PushStatus = 'applied' | 'duplicate' | 'rejected';
export type PushFate = 'lost' | 'responseLost' | 'acknowledged' | 'held';
export type PullFate = 'complete' | 'responseLost' | 'partial';

export type Step =
  | { readonly kind: 'edit'; readonly device: number; readonly pick: number; readonly patch: readonly (readonly [number, number])[] }
  | { readonly kind: 'note'; readonly device: number; readonly pick: number }
  | { readonly kind: 'newClient'; readonly device: number; readonly values: readonly [number, number] }
  | { readonly kind: 'delete'; readonly device: number; readonly pick: number }
  | { readonly kind: 'push'; readonly device: number; readonly fate: PushFate; readonly delay: number }
  | { readonly kind: 'pull'; readonly device: number; readonly fate: PullFate; readonly pageSize: number; readonly pages: number }
  | { readonly kind: 'clock'; readonly device: number; readonly skew: number };

export interface History {
  readonly deviceCount: number;
  readonly skews: readonly number[];
  readonly clients: number;
  readonly notes: number;
  readonly steps: readonly { readonly dt: number; readonly step: Step }[];
}

export function sameState(a: RecordState, b: RecordState): boolean {
  return a.type === b.type && a.deleted === b.deleted && sameJson(a.data, b.data) && sameJson(a.stamps, b.stamps);
}

interface Stored {
  readonly state: RecordState;
  readonly seq: number;
}

export class ServerModel {
  readonly records = new Map<string, Stored>();
  readonly conflicts: ConflictDraft[] = [];
  /** Counted apart from the dedup set, so the exactly-once check does not merely re-read the mechanism it checks. */
  readonly applications = new Map<string, number>();
  readonly decisions = new Map<string, number>();
  private readonly seen = new Set<string>();
  private seq = 0;

  push(entries: readonly ChangeEntry[]): { readonly id: string; readonly status: PushStatus }[] {
    return entries.map((entry) => ({ id: entry.id, status: this.apply(entry) }));
  }

  private apply(entry: ChangeEntry): PushStatus {
    if (this.seen.has(entry.id)) return 'duplicate';
    this.seen.add(entry.id);
    this.decisions.set(entry.id, (this.decisions.get(entry.id) ?? 0) + 1);
    const current = this.records.get(entry.recordId);
    const outcome = applyChange(current?.state, entry);
    if (outcome.status === 'rejected') return 'rejected';
    this.applications.set(entry.id, (this.applications.get(entry.id) ?? 0) + 1);
    if (current?.state.deleted != null && outcome.state.deleted === null) {
      throw new Error(`server: ${entry.recordId} came back after its delete, through entry ${entry.id}`);
    }
    this.conflicts.push(...outcome.conflicts);
    const { state } = outcome;
    if (current === undefined || !sameState(current.state, state)) this.records.set(entry.recordId, { state, seq: ++this.seq });
    return 'applied';
  }

  pull(cursor: number, limit: number): { readonly records: readonly RecordState[]; readonly cursor: number; readonly more: boolean } {
    const after = [...this.records.values()].filter((r) => r.seq > cursor).sort((a, b) => a.seq - b.seq);
    const page = after.slice(0, limit);
    // A copy, as the wire would make: a device must never share an object with the server.
    return { records: structuredClone(page.map((r) => r.state)), cursor: page.at(-1)?.seq ?? cursor, more: after.length > limit };
  }
}

export class DeviceModel {
  readonly states = new Map<string, RecordState>();
  log: ChangeEntry[] = [];
  cursor = 0;
  clock: HlcState;

  constructor(
    readonly deviceId: string,
    public skew: number,
  ) {
    this.clock = initialHlc(deviceId);
  }

  liveClients(): RecordState[] {
    return [...this.states.values()].filter((s) => s.type === 'client' && s.deleted === null);
  }
}

export class Simulation {
  readonly server = new ServerModel();
  readonly devices: DeviceModel[];
  /** Every entry any device ever committed: what "nothing lost" is measured against. */
  readonly committed: ChangeEntry[] = [];
  private held: { due: number; entries: readonly ChangeEntry[] }[] = [];
  private time = 0;
  private stepNo = 0;
  private ids = 0;

  constructor(skews: readonly number[]) {
    this.devices = skews.map((skew, i) => new DeviceModel((i + 1).toString(16).repeat(16), skew));
  }

  device(index: number): DeviceModel {
    return this.devices[index % this.devices.length]!;
  }

  private newId(): string {
    return `0190a000-0000-7000-8000-${(++this.ids).toString(16).padStart(12, '0')}`;
  }

  private nextClock(d: DeviceModel): HlcState {
    return tick(d.clock, T0 + this.time + d.skew);
  }

  private commit(d: DeviceModel, clock: HlcState, write: LocalWrite): void {
    d.clock = clock;
    d.states.set(write.state.id, write.state);
    d.log.push(write.entry);
    this.committed.push(write.entry);
  }

  insert(d: DeviceModel, type: 'client' | 'note', data: Record<string, Json>): string {
    const clock = this.nextClock(d);
    const write = localInsert(type, this.newId(), data, serializeHlc(clock), this.newId());
    this.commit(d, clock, write);
    return write.state.id;
  }

  edit(d: DeviceModel, recordId: string, patch: Record<string, Json>): void {
    const current = d.states.get(recordId);
    if (current === undefined) return;
    const clock = this.nextClock(d);
    const write = localSet(current, patch, serializeHlc(clock), this.newId());
    if (write !== null) this.commit(d, clock, write);
  }

  remove(d: DeviceModel, recordId: string): void {
    const current = d.states.get(recordId);
    if (current === undefined || current.deleted !== null) return;
    const clock = this.nextClock(d);
    this.commit(d, clock, localDelete(current.type, recordId, serializeHlc(clock), this.newId()));
  }

  push(d: DeviceModel, fate: PushFate, delay = 0): void {
    const batch = d.log.slice(0, PUSH_LIMIT);
    if (batch.length === 0) return;
    if (fate === 'held') this.held.push({ due: this.stepNo + delay, entries: batch });
    const results = fate === 'responseLost' || fate === 'acknowledged' ? this.server.push(batch) : [];
    if (fate === 'acknowledged') {
      // Rejected entries were answered too: the pull brings the state that explains the rejection.
      const answered = new Set(results.map((r) => r.id));
      d.log = d.log.filter((e) => !answered.has(e.id));
    }
  }

  /** Applies up to `pages` pages; a page the device never received leaves its cursor where it was. */
  pull(d: DeviceModel, pageSize: number, pages: number): void {
    for (let n = 0; n < pages; n++) {
      const page = this.server.pull(d.cursor, pageSize);
      const now = T0 + this.time + d.skew;
      for (const incoming of page.records) {
        for (const s of [...Object.values(incoming.stamps), incoming.deleted]) if (s !== null) d.clock = receive(d.clock, s, now);
        const local = d.states.get(incoming.id);
        d.states.set(incoming.id, local === undefined ? incoming : mergeStates(local, incoming));
      }
      d.cursor = page.cursor;
      if (!page.more) return;
    }
  }

  private deliverHeld(all: boolean): void {
    const due = this.held.filter((h) => all || h.due <= this.stepNo);
    this.held = this.held.filter((h) => !due.includes(h));
    for (const h of due) this.server.push(h.entries);
  }

  /** Every device pushes until its log is empty and pulls to the end, twice, so each sees everyone's pushes. */
  syncAll(): void {
    this.deliverHeld(true);
    for (let round = 0; round < 2; round++) {
      for (const d of this.devices) {
        while (d.log.length > 0) this.push(d, 'acknowledged');
        this.pull(d, 3, Number.POSITIVE_INFINITY);
      }
    }
  }

  setup(clients: number, notes: number): void {
    const d0 = this.device(0);
    const ids: string[] = [];
    for (let i = 0; i < clients; i++) {
      const data: Record<string, Json> = { lastName: CLIENT_VALUES.lastName[i % 3]!, status: 'active' };
      // Some clients start without a phone, so adding a field nobody has stamped yet is exercised too.
      if (i % 2 === 0) data['phone'] = CLIENT_VALUES.phone[0];
      ids.push(this.insert(d0, 'client', data));
    }
    for (let i = 0; i < notes; i++) this.insert(d0, 'note', { clientId: ids[i % ids.length]!, text: `setup note ${i}` });
    this.syncAll();
  }

  run({ dt, step }: { readonly dt: number; readonly step: Step }): void {
    this.time += dt;
    this.stepNo++;
    this.deliverHeld(false);
    const d = this.device(step.device);
    const clients = d.liveClients();
    const target = clients.length > 0 && 'pick' in step ? clients[step.pick % clients.length] : undefined;
    switch (step.kind) {
      case 'edit': {
        const patch: Record<string, Json> = {};
        for (const [f, v] of step.patch) {
          const field = CLIENT_FIELDS[f % CLIENT_FIELDS.length]!;
          const pool = CLIENT_VALUES[field];
          patch[field] = pool[v % pool.length]!;
        }
        if (target) this.edit(d, target.id, patch);
        return;
      }
      case 'note':
        if (target) this.insert(d, 'note', { clientId: target.id, text: `note ${this.ids}`, author: d.deviceId });
        return;
      case 'newClient':
        this.insert(d, 'client', {
          lastName: CLIENT_VALUES.lastName[step.values[0] % 3]!,
          status: CLIENT_VALUES.status[step.values[1] % 3]!,
        });
        return;
      case 'delete':
        if (target) this.remove(d, target.id);
        return;
      case 'push':
        this.push(d, step.fate, step.delay);
        return;
      case 'pull': {
        // A partial pull is a response lost after `pages` pages: the device keeps what it applied.
        const pages = step.fate === 'complete' ? Number.POSITIVE_INFINITY : step.fate === 'responseLost' ? 0 : step.pages;
        this.pull(d, step.pageSize, pages);
        return;
      }
      case 'clock':
        d.skew = step.skew;
        return;
    }
  }
}

const deviceIndex = fc.nat(4);
const skew = fc.oneof(fc.constant(0), fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: -DAY, max: DAY }));

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      device: deviceIndex,
      pick: fc.nat(5),
      patch: fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { minLength: 1, maxLength: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('note' as const), device: deviceIndex, pick: fc.nat(5) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('newClient' as const), device: deviceIndex, values: fc.tuple(fc.nat(2), fc.nat(2)) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), device: deviceIndex, pick: fc.nat(5) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      device: deviceIndex,
      fate: fc.constantFrom<PushFate>('acknowledged', 'lost', 'responseLost', 'held'),
      delay: fc.integer({ min: 1, max: 20 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('pull' as const),
      device: deviceIndex,
      fate: fc.constantFrom<PullFate>('complete', 'responseLost', 'partial'),
      pageSize: fc.integer({ min: 1, max: 4 }),
      pages: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clock' as const), device: deviceIndex, skew }) },
);

// Mostly no time between steps, so stamps from different devices share a wall time and the device id decides.
const dt = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 5000, max: 15 * 60 * 1000 }));

export const historyArb: fc.Arbitrary<History> = fc.record({
  deviceCount: fc.integer({ min: 3, max: 5 }),
  skews: fc.array(skew, { minLength: 5, maxLength: 5 }),
  clients: fc.integer({ min: 2, max: 3 }),
  notes: fc.integer({ min: 1, max: 2 }),
  steps: fc.array(fc.record({ dt, step: stepArb }), { maxLength: 120, size: 'max' }),
});

export function runHistory(history: History): Simulation {
  const sim = new Simulation(history.skews.slice(0, history.deviceCount));
  sim.setup(history.clients, history.notes);
  for (const step of history.steps) sim.run(step);
  sim.syncAll();
  return sim;
}
