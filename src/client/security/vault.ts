/**
 * The device's key vault: how local data is unlocked offline with a PIN, and opened again after a lockout.
 *
 * - At the first sign-in on a device the server answers a device secret and a recovery key (32 random bytes
 *   each, `signInResponse` in src/shared/schema/auth.ts). The device makes a random AES-GCM-256 data key (DK)
 *   that encrypts every local record (sealedJson.ts).
 * - PIN wrap: KEK_pin = HKDF-SHA256(ikm = device secret, salt = PBKDF2-SHA256(PIN, random 16-byte salt,
 *   600,000 iterations, 256 bits), info = 'silta/pin-wrap/v1'); DK is wrapped under it with AES-GCM and a random
 *   96-bit IV. The device secret is kept only as a non-extractable CryptoKey in IndexedDB, so script cannot read
 *   it out and a PIN is never the only secret: the database files plus a guessed PIN open nothing elsewhere.
 * - Recovery wrap: DK is also wrapped under the recovery key, which the device never stores (only an online
 *   sign-in hands it out). Five wrong PINs in a row delete the PIN wrap; the user signs in online, the recovery
 *   key opens DK and the user chooses a new PIN. Nothing local is lost.
 * - Unlocking yields DK as a non-extractable CryptoKey held only in memory (keyHolder.ts) until lock(). Only a
 *   re-wrap (PIN change, recovery) unwraps an extractable copy, for that operation alone.
 * - Every wrap's associated data names its purpose and account, so wraps cannot be swapped between the two.
 */
import type { SiltaDb } from '#client/db/database.ts';
import {
  addVault,
  deleteVault,
  readVault,
  recordRightPin,
  recordWrongPin,
  replacePinWrap,
  takePinAttempt,
  type PinWrap,
  type VaultRow,
} from '#client/db/vaultRepo.ts';
import { attemptsLeft, isLockedOut } from './attemptLimit.ts';
import { generateDataKey, isWrongKey, nonExtractableCopy, unwrapDataKey, wrapDataKey } from './dataKey.ts';
import { PBKDF2_ITERATIONS, derivePinKek, importDeviceSecret, importRecoveryKek, newSalt } from './keyDerivation.ts';
import { heldKey, holdKey, releaseKey } from './keyHolder.ts';
import { decodeKeyMaterial } from './keyMaterial.ts';
import { pinError } from './pinPolicy.ts';

export interface VaultOptions {
  /** PBKDF2 iterations for new PIN wraps. Production leaves the default; only tests lower it, to stay fast. */
  iterations?: number;
}

export type UnlockResult = { outcome: 'ok'; dk: CryptoKey } | { outcome: 'wrongPin'; attemptsLeft: number } | { outcome: 'lockedOut' };

/** `lockedOut`: the PIN no longer opens the vault; an online sign-in and recover() do. */
export type VaultStatus = 'none' | 'locked' | 'unlocked' | 'lockedOut';

/** Programming or state errors the UI should not have let happen (it checks PINs with pinPolicy.ts first). */
export class VaultError extends Error {
  constructor(readonly code: 'noVault' | 'vaultExists' | 'weakPin' | 'recoveryKeyMismatch') {
    super(code);
    this.name = 'VaultError';
  }
}

export interface Vault {
  /** First sign-in on the device: makes the data key, stores both wraps, and returns the key unlocked. */
  setUp(pin: string, deviceSecret: string, recoveryKey: string, accountId: string): Promise<CryptoKey>;
  unlockWithPin(pin: string): Promise<UnlockResult>;
  /** After a lockout (or a forgotten PIN): opens DK with the recovery key of an online sign-in, sets a new PIN. */
  recover(recoveryKey: string, newPin: string): Promise<CryptoKey>;
  /** A wrong current PIN counts like a wrong unlock, so this is no way around the attempt limit. */
  changePin(currentPin: string, newPin: string): Promise<UnlockResult>;
  lock(): void;
  /** Forgets the vault and the key: records sealed under it can never be read again. */
  wipe(): Promise<void>;
  status(): Promise<VaultStatus>;
}

type PinResult = { outcome: 'ok'; dk: CryptoKey; row: VaultRow } | Exclude<UnlockResult, { outcome: 'ok' }>;

export function deviceVault(db: SiltaDb, options: VaultOptions = {}): Vault {
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;

  /** The one gate every new PIN passes, before anything is stored. */
  async function makePinWrap(dk: CryptoKey, pin: string, deviceSecret: CryptoKey, accountId: string): Promise<PinWrap> {
    if (pinError(pin) !== null) throw new VaultError('weakPin');
    const salt = newSalt();
    const kek = await derivePinKek(pin, salt, iterations, deviceSecret);
    return { salt, iterations, ...(await wrapDataKey(dk, kek, 'pin', accountId)) };
  }

  async function keep(accountId: string, extractableDk: CryptoKey): Promise<CryptoKey> {
    const dk = await nonExtractableCopy(extractableDk);
    holdKey(accountId, dk);
    return dk;
  }

  async function tryPin(pin: string, extractable: boolean): Promise<PinResult> {
    const attempt = await takePinAttempt(db);
    if (attempt.kind === 'none') throw new VaultError('noVault');
    if (attempt.kind === 'lockedOut') return { outcome: 'lockedOut' };
    const { row } = attempt;
    let dk: CryptoKey;
    try {
      const kek = await derivePinKek(pin, row.pinWrap.salt, row.pinWrap.iterations, row.deviceSecret);
      dk = await unwrapDataKey(row.pinWrap, kek, 'pin', row.accountId, extractable);
    } catch (error) {
      if (!isWrongKey(error)) throw error;
      const failed = await recordWrongPin(db, row.accountId);
      return isLockedOut(failed) ? { outcome: 'lockedOut' } : { outcome: 'wrongPin', attemptsLeft: attemptsLeft(failed) };
    }
    await recordRightPin(db, row.accountId);
    return { outcome: 'ok', dk, row };
  }

  return {
    async setUp(pin, deviceSecret, recoveryKey, accountId) {
      const secretKey = await importDeviceSecret(decodeKeyMaterial(deviceSecret));
      const recoveryKek = await importRecoveryKek(decodeKeyMaterial(recoveryKey));
      const dk = await generateDataKey();
      const row: VaultRow = {
        accountId,
        v: 1,
        pinWrap: await makePinWrap(dk, pin, secretKey, accountId),
        recoveryWrap: await wrapDataKey(dk, recoveryKek, 'recovery', accountId),
        deviceSecret: secretKey,
        failedAttempts: 0,
        createdAt: Date.now(),
      };
      if (!(await addVault(db, row))) throw new VaultError('vaultExists');
      return keep(accountId, dk);
    },

    async unlockWithPin(pin) {
      const result = await tryPin(pin, false);
      if (result.outcome !== 'ok') return result;
      holdKey(result.row.accountId, result.dk);
      return { outcome: 'ok', dk: result.dk };
    },

    async recover(recoveryKey, newPin) {
      const row = await readVault(db);
      if (row === null) throw new VaultError('noVault');
      const kek = await importRecoveryKek(decodeKeyMaterial(recoveryKey));
      let dk: CryptoKey;
      try {
        dk = await unwrapDataKey(row.recoveryWrap, kek, 'recovery', row.accountId, true);
      } catch (error) {
        throw isWrongKey(error) ? new VaultError('recoveryKeyMismatch') : error;
      }
      await replacePinWrap(db, row.accountId, await makePinWrap(dk, newPin, row.deviceSecret, row.accountId));
      return keep(row.accountId, dk);
    },

    async changePin(currentPin, newPin) {
      // Checked before the attempt is counted: a refused new PIN must not cost one of the five.
      if (pinError(newPin) !== null) throw new VaultError('weakPin');
      const result = await tryPin(currentPin, true);
      if (result.outcome !== 'ok') return result;
      const { row } = result;
      await replacePinWrap(db, row.accountId, await makePinWrap(result.dk, newPin, row.deviceSecret, row.accountId));
      return { outcome: 'ok', dk: await keep(row.accountId, result.dk) };
    },

    lock() {
      releaseKey();
    },

    async wipe() {
      releaseKey();
      await deleteVault(db);
    },

    async status() {
      const row = await readVault(db);
      if (row === null) return 'none';
      if (heldKey(row.accountId) !== null) return 'unlocked';
      return row.pinWrap === undefined || isLockedOut(row.failedAttempts) ? 'lockedOut' : 'locked';
    },
  };
}
