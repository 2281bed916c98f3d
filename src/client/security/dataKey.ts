/**
 * The data key (DK) that encrypts local records, and its wrapped forms. A wrap is AES-GCM with a fresh 96-bit IV
 * and the account and purpose as associated data, so a wrap cannot be passed off as another account's or as the
 * other kind. Only the extractable copy made for wrapping can leave WebCrypto, and only in wrapped form.
 */
export interface KeyWrap {
  iv: Uint8Array<ArrayBuffer>;
  wrapped: ArrayBuffer;
}

export type WrapPurpose = 'pin' | 'recovery';

const DATA_KEY: AesKeyGenParams = { name: 'AES-GCM', length: 256 };

function wrapAad(purpose: WrapPurpose, accountId: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`silta/dk-wrap/v1/${purpose}/${accountId}`);
}

/** A new random data key; extractable only so that it can be wrapped right after. */
export async function generateDataKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey(DATA_KEY, true, ['encrypt', 'decrypt']);
}

export async function wrapDataKey(dk: CryptoKey, kek: CryptoKey, purpose: WrapPurpose, accountId: string): Promise<KeyWrap> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const wrapped = await crypto.subtle.wrapKey('raw', dk, kek, { name: 'AES-GCM', iv, additionalData: wrapAad(purpose, accountId) });
  return { iv, wrapped };
}

/**
 * Opens a wrap. Rejects with an `OperationError` DOMException when the key-encryption key is not the one the wrap
 * was made with (a wrong PIN) or the wrap was altered. Ask for `extractable` only to wrap the key again.
 */
export async function unwrapDataKey(
  wrap: KeyWrap,
  kek: CryptoKey,
  purpose: WrapPurpose,
  accountId: string,
  extractable: boolean,
): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey(
    'raw',
    wrap.wrapped,
    kek,
    { name: 'AES-GCM', iv: wrap.iv, additionalData: wrapAad(purpose, accountId) },
    DATA_KEY,
    extractable,
    ['encrypt', 'decrypt'],
  );
}

/**
 * A non-extractable copy of an extractable data key, to keep in memory after a (re)wrap. It passes through a
 * throwaway key rather than an export, so the key's bytes never enter JavaScript memory.
 */
export async function nonExtractableCopy(dk: CryptoKey): Promise<CryptoKey> {
  const transit = await crypto.subtle.generateKey(DATA_KEY, false, ['wrapKey', 'unwrapKey']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const wrapped = await crypto.subtle.wrapKey('raw', dk, transit, { name: 'AES-GCM', iv });
  return crypto.subtle.unwrapKey('raw', wrapped, transit, { name: 'AES-GCM', iv }, DATA_KEY, false, ['encrypt', 'decrypt']);
}

/** Whether an unwrap failed because the key did not fit (as opposed to a bug or a missing API). */
export function isWrongKey(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'OperationError';
}
