/**
 * The device's key vault row (one per device, for the account that set it up): the data key wrapped under the
 * PIN and under the recovery key, the device secret as a non-extractable CryptoKey (IndexedDB stores CryptoKeys
 * by structured clone, and a non-extractable one stays so), and the wrong-PIN count. No raw key bytes are stored.
 * The count changes only inside transactions so tabs trying PINs at the same time cannot lose a wrong attempt.
 */
import { countAttempt, isLockedOut } from '#client/security/attemptLimit.ts';
import type { KeyWrap } from '#client/security/dataKey.ts';
import type { SiltaDb } from './database.ts';

/** The PIN wrap carries what its key was derived with, so a later iteration count still opens older wraps. */
export interface PinWrap extends KeyWrap {
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
}

export interface VaultRow {
  accountId: string;
  v: 1;
  /** Gone after too many wrong PINs: only the recovery key opens the data key then. */
  pinWrap?: PinWrap;
  recoveryWrap: KeyWrap;
  deviceSecret: CryptoKey;
  failedAttempts: number;
  createdAt: number;
}

export type PinAttempt = { kind: 'none' } | { kind: 'lockedOut' } | { kind: 'attempt'; row: VaultRow & { pinWrap: PinWrap } };

export async function readVault(db: SiltaDb): Promise<VaultRow | null> {
  return (await db.vault.toCollection().first()) ?? null;
}

/** Stores a new vault; false when the device already has one (replacing it would strand its data). */
export async function addVault(db: SiltaDb, row: VaultRow): Promise<boolean> {
  return db.transaction('rw', db.vault, async () => {
    if ((await db.vault.count()) > 0) return false;
    await db.vault.add(row);
    return true;
  });
}

/**
 * Counts a PIN attempt as wrong before it is tried, and gives the wrap to try it on. Counting first means an
 * attempt cut short (a reload, a closed tab, many at once) still counts; a right PIN resets the count afterwards.
 */
export async function takePinAttempt(db: SiltaDb): Promise<PinAttempt> {
  return db.transaction('rw', db.vault, async (): Promise<PinAttempt> => {
    const row = await readVault(db);
    if (row === null) return { kind: 'none' };
    const { pinWrap } = row;
    if (pinWrap === undefined) return { kind: 'lockedOut' };
    if (isLockedOut(row.failedAttempts)) {
      await dropPinWrap(db, row);
      return { kind: 'lockedOut' };
    }
    const counted = { ...row, pinWrap, failedAttempts: countAttempt(row.failedAttempts, false) };
    await db.vault.put(counted);
    return { kind: 'attempt', row: counted };
  });
}

export async function recordRightPin(db: SiltaDb, accountId: string): Promise<void> {
  await db.vault
    .where('accountId')
    .equals(accountId)
    .modify((row) => {
      row.failedAttempts = countAttempt(row.failedAttempts, true);
    });
}

/** After a wrong PIN (already counted): drops the PIN wrap once the limit is reached. Answers the count. */
export async function recordWrongPin(db: SiltaDb, accountId: string): Promise<number> {
  return db.transaction('rw', db.vault, async () => {
    const row = await db.vault.get(accountId);
    if (row === undefined) return 0;
    if (isLockedOut(row.failedAttempts)) await dropPinWrap(db, row);
    return row.failedAttempts;
  });
}

/** A new PIN wrap (PIN change, recovery) starts a new count. */
export async function replacePinWrap(db: SiltaDb, accountId: string, pinWrap: PinWrap): Promise<void> {
  await db.vault.update(accountId, { pinWrap, failedAttempts: 0 });
}

/** Deleting the row makes every record sealed under its data key unreadable for good (crypto-shredding). */
export async function deleteVault(db: SiltaDb): Promise<void> {
  await db.vault.clear();
}

async function dropPinWrap(db: SiltaDb, row: VaultRow): Promise<void> {
  const { pinWrap: _dropped, ...rest } = row;
  await db.vault.put(rest);
}
