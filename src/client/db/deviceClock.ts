/**
 * The device's identity and clock, kept in the `meta` table so every tab and every reload continues the same
 * hybrid logical clock. Read and written only inside the transaction of the write that uses it.
 */
import { initialHlc, receive, serializeHlc, tick, type Hlc, type HlcState } from '#shared/sync/hlc.ts';
import type { SiltaDb } from './database.ts';

const HLC_KEY = 'hlc';

export function newDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function readClock(db: SiltaDb): Promise<HlcState> {
  const row = await db.meta.get(HLC_KEY);
  return (row?.value as HlcState | undefined) ?? initialHlc(newDeviceId());
}

/** The next stamp for a local write; the caller must be inside a transaction that includes `meta`. */
export async function nextStamp(db: SiltaDb, now: number): Promise<Hlc> {
  const state = tick(await readClock(db), now);
  await db.meta.put({ key: HLC_KEY, value: state });
  return serializeHlc(state);
}

/** Moves the clock past a stamp received from the server, so later local edits sort after it. */
export async function observeStamp(db: SiltaDb, remote: Hlc, now: number): Promise<void> {
  await db.meta.put({ key: HLC_KEY, value: receive(await readClock(db), remote, now) });
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
  await db.meta.put({ key: HLC_KEY, value: initialHlc(newId) });
}
