/**
 * The keys that wrap the data key. The PIN key mixes two secrets: PBKDF2 stretches the PIN (so each guess costs
 * the attacker as much as it costs us), and HKDF combines the result with the device secret, which lives on the
 * device only as a non-extractable CryptoKey. A copy of the database files without that key, or the PIN without
 * the device, opens nothing. All keys made here are non-extractable.
 */
import { normalizePin } from './pinPolicy.ts';

/** OWASP's floor for PBKDF2-SHA256 (see QUALITY.md "Security"); every production wrap uses it. */
export const PBKDF2_ITERATIONS = 600_000;
const PIN_WRAP_INFO = new TextEncoder().encode('silta/pin-wrap/v1');
const AES_KEY: AesKeyGenParams = { name: 'AES-GCM', length: 256 };

/** The device secret as an HKDF base key: usable for derivation, never readable by script. */
export async function importDeviceSecret(secret: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
}

/** The key-encryption key of the PIN wrap: HKDF-SHA256(device secret, salt = PBKDF2-SHA256(PIN, salt)). */
export async function derivePinKek(
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  deviceSecret: CryptoKey,
): Promise<CryptoKey> {
  const pinKey = await crypto.subtle.importKey('raw', new TextEncoder().encode(normalizePin(pin)), 'PBKDF2', false, ['deriveBits']);
  const stretched = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, pinKey, 256);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: stretched, info: PIN_WRAP_INFO },
    deviceSecret,
    AES_KEY,
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/** The recovery key is already 32 random bytes, so it is used as the AES-GCM key of the recovery wrap as is. */
export async function importRecoveryKek(recoveryKey: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', recoveryKey, AES_KEY, false, ['wrapKey', 'unwrapKey']);
}

export function newSalt(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(16));
}
