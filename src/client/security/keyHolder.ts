/**
 * The unlocked data key, held only in this module's memory: never in storage, never in a React or zustand store.
 * Locking (by hand, by auto-lock, by a wipe) drops it; a reload loses it by design.
 */
let held: { accountId: string; dk: CryptoKey } | null = null;

export function holdKey(accountId: string, dk: CryptoKey): void {
  // What stays in memory for the session must not be exportable by script, only usable.
  if (dk.extractable) throw new TypeError('Only a non-extractable data key may be held');
  held = { accountId, dk };
}

/** The data key of `accountId` when unlocked, else null. */
export function heldKey(accountId: string): CryptoKey | null {
  return held?.accountId === accountId ? held.dk : null;
}

export function releaseKey(): void {
  held = null;
}
