import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HLC_ZERO, initialHlc, parseHlc, receive, serializeHlc, tick } from './hlc.ts';

const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';

describe('hybrid logical clock', () => {
  it('round-trips through its fixed-width text form', () => {
    const s = { wall: 1764480000000, counter: 42, deviceId: A };
    expect(parseHlc(serializeHlc(s))).toEqual(s);
    expect(serializeHlc(s)).toHaveLength(HLC_ZERO.length);
  });

  it('is strictly monotonic for any sequence of wall-clock readings, including jumps back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4_000_000_000_000 }), { minLength: 2, maxLength: 200 }), (clock) => {
        let state = initialHlc(A);
        let last = serializeHlc(state);
        for (const now of clock) {
          state = tick(state, now);
          const next = serializeHlc(state);
          expect(next > last).toBe(true);
          last = next;
        }
      }),
    );
  });

  it('keeps ordering its own edits when the wall clock jumps back a day', () => {
    const day = 24 * 3600 * 1000;
    const t0 = Date.UTC(2026, 10, 30, 9);
    const first = tick(initialHlc(A), t0);
    const afterJump = tick(first, t0 - day);
    expect(serializeHlc(afterJump) > serializeHlc(first)).toBe(true);
    expect(afterJump.wall).toBe(t0);
  });

  it('sorts after every stamp it has received, even from a clock that runs ahead', () => {
    const ahead = serializeHlc(tick(initialHlc(B), Date.UTC(2026, 11, 1)));
    const mine = receive(tick(initialHlc(A), Date.UTC(2026, 10, 30)), ahead, Date.UTC(2026, 10, 30));
    const nextEdit = serializeHlc(tick(mine, Date.UTC(2026, 10, 30)));
    expect(nextEdit > ahead).toBe(true);
  });

  it('breaks ties between equal clocks by device id', () => {
    const t = Date.UTC(2026, 10, 30);
    expect(serializeHlc(tick(initialHlc(B), t)) > serializeHlc(tick(initialHlc(A), t))).toBe(true);
  });

  it('rejects malformed stamps and device ids', () => {
    expect(() => parseHlc('yesterday')).toThrow();
    expect(() => initialHlc('not-a-device')).toThrow();
  });
});
