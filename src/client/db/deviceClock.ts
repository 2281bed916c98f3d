/**
 * The device's identity and clock, kept in the `meta` table so every tab and every reload continues the same
 * hybrid logical clock. Stored only inside the transaction of the write that uses it; a stamp may be taken ahead
 * of that transaction (see commitWrite.ts) as long as the write's transaction checks that the clock has not passed it.
 */
import { initialHlc, receive, serializeHlc, tick, type Hlc, type HlcState } from '#shared/sync/hlc.ts';
import type { MetaRow, SiltaDb } from './database.ts';
import type { NativeWrite } from './nativeWrite.ts';

const HLC_KEY = 'hlc';

export function newDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The clock as this tab last read or stored it: where a stamp taken ahead starts from. */
const lastSeen = new WeakMap<SiltaDb, HlcState>();

/** The stored clock, or undefined before this device's first write. */
async function storedClock(db: SiltaDb): Promise<HlcState | undefined> {
  const state = (await db.meta.get(HLC_KEY))?.value as HlcState | undefined;
  if (state !== undefined) lastSeen.set(db, state);
  return state;
}

export async function readClock(db: SiltaDb): Promise<HlcState> {
  return (await storedClock(db)) ?? initialHlc(newDeviceId());
}

function storeClock(db: SiltaDb, state: HlcState): Promise<unknown> {
  lastSeen.set(db, state);
  return db.meta.put({ key: HLC_KEY, value: state });
}

/** The next stamp for a local write; the caller must be inside a transaction that includes `meta`. */
export async function nextStamp(db: SiltaDb, now: number): Promise<Hlc> {
  const state = tick(await readClock(db), now);
  await storeClock(db, state);
  return serializeHlc(state);
}

/**
 * The next stamp, taken before the write's transaction from the clock as last seen (read once if this tab has not
 * seen it yet); undefined before the device's first write. It holds only if `claimStamp` accepts it.
 */
export async function stampAhead(db: SiltaDb, now: number): Promise<HlcState | undefined> {
  const seen = lastSeen.get(db) ?? (await storedClock(db));
  return seen && tick(seen, now);
}

/**
 * Inside the write's (native) transaction: stores `next` (from stampAhead) as the clock if the stored clock is still
 * before it, which keeps the device's stamps increasing and unique across tabs and pulled pages; false if the
 * clock has moved past it meanwhile (another tab wrote, or a pull observed a later stamp).
 */
export async function claimStamp(db: SiltaDb, write: NativeWrite, next: HlcState): Promise<boolean> {
  const stored = (await write.get<MetaRow>('meta', HLC_KEY))?.value as HlcState | undefined;
  if (stored === undefined || stored.deviceId !== next.deviceId || serializeHlc(stored) >= serializeHlc(next)) {
    if (stored !== undefined) lastSeen.set(db, stored);
    return false;
  }
  lastSeen.set(db, next);
  await write.put('meta', { key: HLC_KEY, value: next } satisfies MetaRow);
  return true;
}

/** Moves the clock past a stamp received from the server, so later local edits sort after it. */
export async function observeStamp(db: SiltaDb, remote: Hlc, now: number): Promise<void> {
  await storeClock(db, receive(await readClock(db), remote, now));
}

/** observeStamp inside a native transaction (applyServerRecords.ts). */
export async function observeStampIn(db: SiltaDb, write: NativeWrite, remote: Hlc, now: number): Promise<void> {
  const stored = (await write.get<MetaRow>('meta', HLC_KEY))?.value as HlcState | undefined;
  const state = receive(stored ?? initialHlc(newDeviceId()), remote, now);
  // Should the transaction not commit, a clock seen ahead of the stored one only makes the next stamp taken ahead
  // later than it had to be: claimStamp still accepts it.
  lastSeen.set(db, state);
  await write.put('meta', { key: HLC_KEY, value: state } satisfies MetaRow);
}

export async function deviceId(db: SiltaDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const state = await readClock(db);
    await db.meta.put({ key: HLC_KEY, value: state });
    return state.deviceId;
  });
}

/** Starts the device over under a new identity (after a wipe, for another account): a fresh clock, no history. */
export async function startClockAs(db: SiltaDb, newId: string): Promise<void> {
  await storeClock(db, initialHlc(newId));
}
