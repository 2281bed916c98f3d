import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SiltaDb } from '#client/db/database.ts';
import { readVault } from '#client/db/vaultRepo.ts';
import { unwrapDataKey } from '#client/security/dataKey.ts';
import { PBKDF2_ITERATIONS, importDeviceSecret, importRecoveryKek } from '#client/security/keyDerivation.ts';
import { heldKey } from '#client/security/keyHolder.ts';
import { decryptJson, encryptJson } from '#client/security/sealedJson.ts';
import { deviceVault, VaultError, type UnlockResult, type Vault } from '#client/security/vault.ts';

// A low iteration count keeps the suite fast; one test below runs the production count.
const FAST = { iterations: 1_000 };
const PIN = '204816';
const ACCOUNT = 'account-1';

function keyBytes(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(32));
}
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

function okKey(result: UnlockResult): CryptoKey {
  if (result.outcome !== 'ok') throw new Error(`expected ok, got ${result.outcome}`);
  return result.dk;
}

let db: SiltaDb;
let vault: Vault;
let secret: Uint8Array<ArrayBuffer>;
let recovery: Uint8Array<ArrayBuffer>;
let n = 0;

async function setUpVault(): Promise<CryptoKey> {
  return vault.setUp(PIN, b64(secret), b64(recovery), ACCOUNT);
}

beforeEach(() => {
  db = new SiltaDb(`vault-${++n}-${Math.random()}`);
  vault = deviceVault(db, FAST);
  secret = keyBytes();
  recovery = keyBytes();
});
afterEach(async () => {
  vault.lock();
  await db.delete();
});

describe('the device key vault', () => {
  it('unlocks with the PIN to the same data key it set up', async () => {
    const first = await setUpVault();
    const sealed = await encryptJson(first, { name: 'Amina' }, 'clients/c1');
    vault.lock();
    expect(await vault.status()).toBe('locked');

    const dk = okKey(await vault.unlockWithPin(PIN));
    expect(await decryptJson(dk, sealed, 'clients/c1')).toEqual({ name: 'Amina' });
    expect(await vault.status()).toBe('unlocked');
    expect(heldKey(ACCOUNT)).toBe(dk);
  });

  it('hands out the data key only as a non-extractable key', async () => {
    const atSetUp = await setUpVault();
    const atUnlock = okKey(await vault.unlockWithPin(PIN));
    for (const dk of [atSetUp, atUnlock]) {
      expect(dk.extractable).toBe(false);
      await expect(crypto.subtle.exportKey('raw', dk)).rejects.toThrow();
    }
  });

  it('counts a wrong PIN, and a right one starts the count again', async () => {
    await setUpVault();
    vault.lock();
    expect(await vault.unlockWithPin('111111')).toEqual({ outcome: 'wrongPin', attemptsLeft: 4 });
    expect(await vault.unlockWithPin('222222')).toEqual({ outcome: 'wrongPin', attemptsLeft: 3 });
    expect(await vault.status()).toBe('locked');
    okKey(await vault.unlockWithPin(PIN));
    expect((await readVault(db))?.failedAttempts).toBe(0);
    expect(await vault.unlockWithPin('333333')).toEqual({ outcome: 'wrongPin', attemptsLeft: 4 });
  });

  it('keeps the count and the device secret across a reload', async () => {
    await setUpVault();
    vault.lock();
    await vault.unlockWithPin('111111');
    await vault.unlockWithPin('222222');
    db.close();
    const reopened = new SiltaDb(db.name);
    const reloaded = deviceVault(reopened, FAST);
    expect(await reloaded.unlockWithPin('333333')).toEqual({ outcome: 'wrongPin', attemptsLeft: 2 });
    // The device secret came back from IndexedDB as a working, still non-extractable CryptoKey.
    expect((await readVault(reopened))?.deviceSecret.extractable).toBe(false);
    okKey(await reloaded.unlockWithPin(PIN));
    reopened.close();
  });

  it('locks the PIN out at the fifth wrong PIN; the recovery key restores the same data key and a new PIN works', async () => {
    const original = await setUpVault();
    const sealed = await encryptJson(original, ['note text'], 'notes/n1');
    vault.lock();
    for (let i = 4; i >= 1; i--) expect(await vault.unlockWithPin('999999')).toEqual({ outcome: 'wrongPin', attemptsLeft: i });
    expect(await vault.unlockWithPin('999999')).toEqual({ outcome: 'lockedOut' });

    expect((await readVault(db))?.pinWrap).toBeUndefined();
    expect(await vault.status()).toBe('lockedOut');
    // Even the right PIN opens nothing now.
    expect(await vault.unlockWithPin(PIN)).toEqual({ outcome: 'lockedOut' });

    const recovered = await vault.recover(b64(recovery), 'new passphrase');
    expect(recovered.extractable).toBe(false);
    expect(await decryptJson(recovered, sealed, 'notes/n1')).toEqual(['note text']);
    expect(await vault.status()).toBe('unlocked');

    vault.lock();
    expect(await vault.unlockWithPin(PIN)).toEqual({ outcome: 'wrongPin', attemptsLeft: 4 });
    const dk = okKey(await vault.unlockWithPin('new passphrase'));
    expect(await decryptJson(dk, sealed, 'notes/n1')).toEqual(['note text']);
  });

  it('refuses a recovery key that is not this vault’s', async () => {
    await setUpVault();
    await expect(vault.recover(b64(keyBytes()), 'another passphrase')).rejects.toEqual(new VaultError('recoveryKeyMismatch'));
  });

  it('counts wrong PINs tried all at once, so parallel guesses get no more than five', async () => {
    await setUpVault();
    vault.lock();
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => vault.unlockWithPin(`90000${i}`)));
    expect(results.filter((r) => r.outcome === 'wrongPin').length).toBeLessThanOrEqual(4);
    expect(results.some((r) => r.outcome === 'lockedOut')).toBe(true);
    expect(await vault.status()).toBe('lockedOut');
    expect((await readVault(db))?.pinWrap).toBeUndefined();
  });

  it('needs the device secret: the same PIN with another device secret opens nothing', async () => {
    await setUpVault();
    vault.lock();
    const row = (await readVault(db))!;
    await db.vault.put({ ...row, deviceSecret: await importDeviceSecret(keyBytes()) });
    expect(await vault.unlockWithPin(PIN)).toEqual({ outcome: 'wrongPin', attemptsLeft: 4 });
  });

  it('changes the PIN only with the current one, and a wrong current PIN counts', async () => {
    await setUpVault();
    vault.lock();
    expect(await vault.changePin('000000', '13572468')).toEqual({ outcome: 'wrongPin', attemptsLeft: 4 });
    const dk = okKey(await vault.changePin(PIN, '13572468'));
    expect(dk.extractable).toBe(false);
    expect((await readVault(db))?.failedAttempts).toBe(0);
    vault.lock();
    expect((await vault.unlockWithPin(PIN)).outcome).toBe('wrongPin');
    okKey(await vault.unlockWithPin('13572468'));
  });

  it('refuses a PIN the policy refuses, and a second vault on the same device', async () => {
    await expect(vault.setUp('1234', b64(secret), b64(recovery), ACCOUNT)).rejects.toEqual(new VaultError('weakPin'));
    await setUpVault();
    await expect(vault.setUp(PIN, b64(keyBytes()), b64(keyBytes()), 'account-2')).rejects.toEqual(new VaultError('vaultExists'));
    await expect(vault.changePin(PIN, '12')).rejects.toEqual(new VaultError('weakPin'));
  });

  it('forgets everything on wipe', async () => {
    await setUpVault();
    await vault.wipe();
    expect(await vault.status()).toBe('none');
    expect(heldKey(ACCOUNT)).toBeNull();
    await expect(vault.unlockWithPin(PIN)).rejects.toEqual(new VaultError('noVault'));
  });

  it('stores no raw key bytes: only wrapped forms of the data key and a non-extractable device secret', async () => {
    await setUpVault();
    const row = (await readVault(db))!;
    const exposed = await unwrapDataKey(row.recoveryWrap, await importRecoveryKek(recovery), 'recovery', ACCOUNT, true);
    const dkBytes = new Uint8Array(await crypto.subtle.exportKey('raw', exposed));

    const stored: Buffer[] = [];
    const walk = (value: unknown): void => {
      if (value instanceof ArrayBuffer) stored.push(Buffer.from(value));
      else if (ArrayBuffer.isView(value)) stored.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      else if (typeof value === 'string') stored.push(Buffer.from(value));
      else if (value instanceof CryptoKey) expect(value.extractable).toBe(false);
      else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(row);
    const all = Buffer.concat(stored);
    for (const secretBytes of [dkBytes, secret, recovery]) {
      expect(all.includes(Buffer.from(secretBytes))).toBe(false);
      expect(all.includes(Buffer.from(b64(secretBytes)))).toBe(false);
    }
    expect(Object.keys(row).sort()).toEqual(['accountId', 'createdAt', 'deviceSecret', 'failedAttempts', 'pinWrap', 'recoveryWrap', 'v']);
    expect(row.deviceSecret).toBeInstanceOf(CryptoKey);
    await expect(crypto.subtle.exportKey('raw', row.deviceSecret)).rejects.toThrow();
  });

  it('uses the production iteration count by default', { timeout: 60_000 }, async () => {
    expect(PBKDF2_ITERATIONS).toBe(600_000);
    const real = deviceVault(db);
    await real.setUp(PIN, b64(secret), b64(recovery), ACCOUNT);
    expect((await readVault(db))?.pinWrap?.iterations).toBe(600_000);
    real.lock();
    expect((await real.unlockWithPin('000000')).outcome).toBe('wrongPin');
    okKey(await real.unlockWithPin(PIN));
  });
});
