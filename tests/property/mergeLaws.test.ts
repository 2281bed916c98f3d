/**
 * mergeStates is the join that lets devices fold pulled states in any order, any number of times. Convergence rests
 * on it being commutative, associative and idempotent, so those laws are checked on purpose-built nasty inputs:
 * a tiny pool of stamps so two states often carry the same stamp (with different values, which real histories never
 * produce but a lenient tie-break must still order), and tombstones mixed in.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { serializeHlc, type Hlc } from '#shared/sync/hlc.ts';
import { mergeStates, type Json, type RecordState } from '#shared/sync/merge.ts';

const ID = '0190a000-0000-7000-8000-000000000001';
const FIELDS = ['a', 'b', 'c'] as const;

const stamp: fc.Arbitrary<Hlc> = fc
  .record({
    wall: fc.constantFrom(0, 1_764_480_000_000, 1_764_480_000_001),
    counter: fc.integer({ min: 0, max: 2 }),
    deviceId: fc.constantFrom('aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb', '0123456789abcdef'),
  })
  .map(serializeHlc);

// No doubles: -0 and NaN cannot cross the JSON wire, so they would only test the test. One object in both key
// orders, because a database may hand back an equal object with its keys reordered (PostgreSQL jsonb does).
const value: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>('', 'x', 'y', null, { p: 1, q: 'x' }, { q: 'x', p: 1 }),
  fc.integer({ min: -2, max: 2 }),
  fc.boolean(),
  fc.array(fc.oneof(fc.constantFrom<Json>('x', null), fc.integer({ min: 0, max: 1 }), fc.boolean()), { maxLength: 2 }),
);

const live: fc.Arbitrary<RecordState> = fc.subarray([...FIELDS]).chain((fields) =>
  fc.array(fc.tuple(value, stamp), { minLength: fields.length, maxLength: fields.length }).map((cells) => {
    const data: Record<string, Json> = {};
    const stamps: Record<string, Hlc> = {};
    fields.forEach((field, i) => {
      const [v, s] = cells[i]!;
      data[field] = v;
      stamps[field] = s;
    });
    return { type: 'client' as const, id: ID, data, stamps, deleted: null };
  }),
);

// A tombstone carries nothing but its stamp everywhere in the app (localDelete, applyChange), so only that shape.
const tombstone: fc.Arbitrary<RecordState> = stamp.map((deleted) => ({ type: 'client' as const, id: ID, data: {}, stamps: {}, deleted }));

const state = fc.oneof({ arbitrary: live, weight: 4 }, { arbitrary: tombstone, weight: 1 });

describe('mergeStates laws', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(state, state, (a, b) => {
        expect(mergeStates(a, b)).toStrictEqual(mergeStates(b, a));
      }),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(state, state, state, (a, b, c) => {
        expect(mergeStates(mergeStates(a, b), c)).toStrictEqual(mergeStates(a, mergeStates(b, c)));
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(state, (a) => {
        expect(mergeStates(a, a)).toStrictEqual(a);
      }),
    );
  });

  it('absorbs: merging in something already merged changes nothing', () => {
    fc.assert(
      fc.property(state, state, (a, b) => {
        const ab = mergeStates(a, b);
        expect(mergeStates(ab, b)).toStrictEqual(ab);
      }),
    );
  });

  it('lets a tombstone win over any edit, with the later tombstone stamp', () => {
    fc.assert(
      fc.property(state, state, (a, b) => {
        const merged = mergeStates(a, b);
        const stamps = [a.deleted, b.deleted].filter((d): d is Hlc => d !== null).sort();
        expect(merged.deleted).toBe(stamps.at(-1) ?? null);
        if (merged.deleted !== null) expect(merged.data).toStrictEqual({});
      }),
    );
  });

  it('keeps, per field, the value of the highest stamp', () => {
    fc.assert(
      fc.property(live, live, (a, b) => {
        const merged = mergeStates(a, b);
        for (const field of FIELDS) {
          const candidates = [a, b].filter((s) => s.stamps[field] !== undefined).map((s) => s.stamps[field]!);
          expect(merged.stamps[field]).toBe(candidates.sort().at(-1));
        }
      }),
    );
  });
});
