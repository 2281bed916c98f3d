/**
 * "Nothing lost", checked on random histories: 3–5 devices edit, insert and delete offline with skewed clocks while
 * the network loses, repeats and delays their pushes and pulls; after everyone syncs, every replica must equal the
 * server, every committed write must still be visible (as the value, as a conflict, or as something a person
 * deliberately overwrote), and the server must have applied each entry exactly once.
 *
 * SILTA_PROPERTY_RUNS sets the number of histories (default 1000); SILTA_PROPERTY_SEED (and SILTA_PROPERTY_PATH,
 * both printed by fast-check on failure) replays one.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ChangeEntry } from '#shared/schema/sync.ts';
import type { Hlc } from '#shared/sync/hlc.ts';
import { sameJson, type Json } from '#shared/sync/merge.ts';
import { DAY, historyArb, runHistory, sameState, Simulation, type History } from './simulation.ts';

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? undefined : Number.parseInt(raw, 10);
}

const HISTORIES = envInt('SILTA_PROPERTY_RUNS') ?? 1000;

/**
 * The seed applies to every property here; the run count and the replay path only to the random histories, whose
 * failures they are meant to replay (a path from one property means nothing to another).
 */
function params<T>(numRuns: number, histories = false): fc.Parameters<T> {
  const seed = envInt('SILTA_PROPERTY_SEED');
  const path = process.env['SILTA_PROPERTY_PATH'];
  return {
    numRuns: histories ? HISTORIES : numRuns,
    ...(seed !== undefined ? { seed } : {}),
    ...(histories && path !== undefined && path !== '' ? { path } : {}),
  };
}

/** (a) After the final sync every device holds exactly the server's records, field for field and stamp for stamp. */
function divergences(sim: Simulation): string[] {
  const found: string[] = [];
  const server = sim.server.records;
  for (const d of sim.devices) {
    for (const [id, { state }] of server) {
      const mine = d.states.get(id);
      if (mine === undefined || !sameState(mine, state)) {
        found.push(`${d.deviceId} ${id}: ${JSON.stringify(mine)} ≠ ${JSON.stringify(state)}`);
      }
    }
    for (const id of d.states.keys()) if (!server.has(id)) found.push(`${d.deviceId} has ${id}, the server does not`);
  }
  return found;
}

interface Write {
  readonly entry: ChangeEntry;
  readonly field: string;
  readonly value: Json;
}

/**
 * (b) Every field any device ever wrote is accounted for: it is the server's value, or a conflict kept it as the
 * loser, or a later edit was made by a device that had exactly this write in front of it (its `base` is this
 * write's stamp), or the record is gone. `base` must equal the stamp, not merely exceed it: a device that had only
 * some newer stamp never saw this write, so its edit cannot excuse losing it. An equal value written concurrently
 * with a higher stamp takes over the write's place without a conflict (there is nothing to choose between), so such
 * a write is accounted for when that equal, higher write is.
 */
function unaccounted(sim: Simulation): string[] {
  const key = (recordId: string, field: string) => `${recordId}\u0000${field}`;
  const writes = new Map<string, Write[]>();
  const overwrittenKnowingly = new Set<string>();
  for (const entry of sim.committed) {
    if (entry.op === 'delete') continue;
    for (const [field, value] of Object.entries(entry.data)) {
      const k = key(entry.recordId, field);
      writes.set(k, [...(writes.get(k) ?? []), { entry, field, value: value }]);
    }
    if (entry.op !== 'set') continue;
    for (const [field, seen] of Object.entries(entry.base)) overwrittenKnowingly.add(`${key(entry.recordId, field)}\u0000${seen}`);
  }
  const losers = new Set(sim.server.conflicts.map((c) => `${key(c.recordId, c.field)}\u0000${c.loserHlc}`));

  const directly = (w: Write): boolean => {
    const server = sim.server.records.get(w.entry.recordId)?.state;
    if (server === undefined) return false;
    const tagged = `${key(w.entry.recordId, w.field)}\u0000${w.entry.hlc}`;
    return server.deleted !== null || sameJson(server.data[w.field], w.value) || losers.has(tagged) || overwrittenKnowingly.has(tagged);
  };
  // Memoised: a field written many times with one value would otherwise be re-walked exponentially.
  const memo = new Map<Write, boolean>();
  const accounted = (w: Write): boolean => {
    let known = memo.get(w);
    if (known === undefined) {
      const sameField = writes.get(key(w.entry.recordId, w.field)) ?? [];
      const equalAndLater = sameField.filter((o) => o.entry.hlc > w.entry.hlc && sameJson(o.value, w.value));
      known = directly(w) || equalAndLater.some(accounted);
      memo.set(w, known);
    }
    return known;
  };

  const lost: string[] = [];
  for (const list of writes.values()) {
    for (const w of list) {
      if (!accounted(w)) lost.push(`${w.entry.id} ${w.entry.recordId}.${w.field} = ${JSON.stringify(w.value)} @ ${w.entry.hlc}`);
    }
  }
  for (const entry of sim.committed) {
    const gone = sim.server.records.get(entry.recordId)?.state.deleted != null;
    if (entry.op === 'delete' && !gone) lost.push(`delete ${entry.id} of ${entry.recordId}`);
  }
  return lost;
}

/** (c) Each committed entry was decided once and changed the server at most once; nothing is left to send. */
function notExactlyOnce(sim: Simulation): string[] {
  const found: string[] = [];
  for (const e of sim.committed) {
    const decided = sim.server.decisions.get(e.id) ?? 0;
    const applied = sim.server.applications.get(e.id) ?? 0;
    if (decided !== 1 || applied > 1) found.push(`${e.id}: decided ${decided}×, applied ${applied}×`);
  }
  for (const d of sim.devices) if (d.log.length > 0) found.push(`${d.deviceId} still has ${d.log.length} unsent entries`);
  return found;
}

/** (d) A tombstone never carries data again, on the server or on any device. */
function revived(sim: Simulation): string[] {
  const states = [...[...sim.server.records.values()].map((r) => r.state), ...sim.devices.flatMap((d) => [...d.states.values()])];
  return states
    .filter((s) => s.deleted !== null && (Object.keys(s.data).length > 0 || Object.keys(s.stamps).length > 0))
    .map((s) => `${s.id} is deleted but has ${JSON.stringify(s.data)}`);
}

describe('sync convergence under an unreliable network', () => {
  it('converges, loses nothing and applies everything once, for random histories', { timeout: 60_000 + HISTORIES * 10 }, () => {
    fc.assert(
      fc.property(historyArb, (history: History) => {
        const sim = runHistory(history);
        expect(divergences(sim)).toEqual([]);
        expect(unaccounted(sim)).toEqual([]);
        expect(notExactlyOnce(sim)).toEqual([]);
        expect(revived(sim)).toEqual([]);
      }),
      params<[History]>(HISTORIES, true),
    );
  });

  const ORDERS = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ] as const;
  const OFFLINE_VALUES = ['Ahonen', 'Berg', 'Cederberg'];

  it('settles three concurrent offline edits of one field the same way in every push order', { timeout: 30_000 }, () => {
    const skew = fc.oneof(fc.constant(0), fc.integer({ min: -DAY, max: DAY }));
    fc.assert(
      fc.property(fc.tuple(skew, skew, skew), fc.boolean(), (skews, sharedClock) => {
        const outcomes = ORDERS.map((order) => {
          // Identical skews make the three stamps share a wall time, so only counters and device ids order them.
          const sim = new Simulation(sharedClock ? [0, 0, 0] : skews);
          sim.setup(1, 0);
          const clientId = sim.devices[0]!.liveClients()[0]!.id;
          const edits = sim.devices.map((d, i) => {
            sim.edit(d, clientId, { lastName: OFFLINE_VALUES[i]! });
            return d.log.at(-1)!;
          });
          for (const i of order) sim.push(sim.devices[i]!, 'acknowledged');
          sim.syncAll();

          const winner = edits.reduce((a, b) => (b.hlc > a.hlc ? b : a));
          const state = sim.server.records.get(clientId)!.state;
          expect(state.data['lastName']).toBe(OFFLINE_VALUES[edits.indexOf(winner)]);
          expect(state.stamps['lastName']).toBe(winner.hlc);
          const losers = sim.server.conflicts.filter((c) => c.recordId === clientId && c.field === 'lastName');
          const expected: Hlc[] = edits.filter((e) => e !== winner).map((e) => e.hlc);
          expect(losers.map((c) => c.loserHlc).sort()).toEqual(expected.sort());
          for (const c of losers) expect(c.loserValue).toBe(OFFLINE_VALUES[edits.findIndex((e) => e.hlc === c.loserHlc)]);
          expect(divergences(sim)).toEqual([]);
          return state;
        });
        for (const state of outcomes) expect(state).toStrictEqual(outcomes[0]);
      }),
      params<[[number, number, number], boolean]>(100),
    );
  });
});
