/**
 * Hybrid logical clock (Kulkarni et al.). A stamp serialises to a fixed-width string
 * `wall(15 digits)-counter(5 base-36)-device(16 hex)` so that "newer" is a plain string compare in
 * IndexedDB, SQL and JavaScript alike, and the device id breaks ties between two equal clocks.
 * A device whose wall clock jumps back keeps ordering its own edits: the logical part never decreases.
 */

export type Hlc = string;

export interface HlcState {
  readonly wall: number;
  readonly counter: number;
  readonly deviceId: string;
}

const WALL_WIDTH = 15;
const COUNTER_WIDTH = 5;
const MAX_COUNTER = 36 ** COUNTER_WIDTH - 1;
export const DEVICE_ID_PATTERN = /^[0-9a-f]{16}$/;
export const HLC_PATTERN = /^\d{15}-[0-9a-z]{5}-[0-9a-f]{16}$/;

/** The smallest possible stamp: older than any real edit. */
export const HLC_ZERO: Hlc = `${'0'.repeat(WALL_WIDTH)}-${'0'.repeat(COUNTER_WIDTH)}-${'0'.repeat(16)}`;

export function initialHlc(deviceId: string): HlcState {
  if (!DEVICE_ID_PATTERN.test(deviceId)) throw new Error(`invalid device id: ${deviceId}`);
  return { wall: 0, counter: 0, deviceId };
}

export function serializeHlc(state: HlcState): Hlc {
  if (state.counter > MAX_COUNTER) throw new Error('hlc counter overflow');
  return `${String(state.wall).padStart(WALL_WIDTH, '0')}-${state.counter
    .toString(36)
    .padStart(COUNTER_WIDTH, '0')}-${state.deviceId}`;
}

export function parseHlc(stamp: Hlc): HlcState {
  if (!HLC_PATTERN.test(stamp)) throw new Error(`invalid hlc: ${stamp}`);
  const [wall, counter, deviceId] = stamp.split('-') as [string, string, string];
  return { wall: Number(wall), counter: parseInt(counter, 36), deviceId };
}

/** A local event (an edit): the next stamp after `state` given the wall clock `now` (ms). */
export function tick(state: HlcState, now: number): HlcState {
  const wall = Math.max(state.wall, Math.floor(now));
  const counter = wall === state.wall ? state.counter + 1 : 0;
  return { wall, counter, deviceId: state.deviceId };
}

/** A remote stamp was seen: move past it so later local edits sort after everything received. */
export function receive(state: HlcState, remote: Hlc, now: number): HlcState {
  const r = parseHlc(remote);
  const wall = Math.max(state.wall, r.wall, Math.floor(now));
  let counter: number;
  if (wall === state.wall && wall === r.wall) counter = Math.max(state.counter, r.counter) + 1;
  else if (wall === state.wall) counter = state.counter + 1;
  else if (wall === r.wall) counter = r.counter + 1;
  else counter = 0;
  return { wall, counter, deviceId: state.deviceId };
}

export function maxHlc(a: Hlc, b: Hlc): Hlc {
  return a > b ? a : b;
}
