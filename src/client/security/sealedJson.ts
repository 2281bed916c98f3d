/**
 * A local record's content, encrypted under the data key. Each write gets a fresh 96-bit IV; the associated data
 * names where the ciphertext belongs (for example `clients/<id>`), so a ciphertext copied onto another record
 * fails to decrypt instead of showing one person's data as another's. IndexedDB stores the binary fields as they
 * are. `v` names the format so a later one can be told apart.
 */
export interface SealedJson {
  v: 1;
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const IV_BYTES = 12;
/**
 * IVs are cut from one buffer of random bytes filled 1,024 at a time: each call to getRandomValues cost about 9 µs
 * in Chromium, a tenth of a second in a first sync's 10,000 seals. Every IV is still 96 fresh random bits, and
 * no byte of the buffer is handed out twice.
 */
const IV_BATCH = 1024;
const ivPool = new Uint8Array(IV_BYTES * IV_BATCH);
let ivTaken = IV_BATCH;

function freshIv(): Uint8Array<ArrayBuffer> {
  if (ivTaken === IV_BATCH) {
    crypto.getRandomValues(ivPool);
    ivTaken = 0;
  }
  const start = ivTaken * IV_BYTES;
  ivTaken += 1;
  // A copy: an IV is stored with its row, and a view would store the whole pool with it.
  return ivPool.slice(start, start + IV_BYTES);
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

function sealedAad(aad: string): Uint8Array<ArrayBuffer> {
  return utf8.encode(`silta/sealed/v1/${aad}`);
}

const NON_ASCII = /[\u0080-\uffff]/g;
/** Below this, decoding takes microseconds either way, and escaping only costs (a pulled page seals 1,000 notes). */
const ESCAPE_FROM_CHARS = 16_384;

/**
 * JSON of a large value with every character beyond ASCII written as a `\u` escape, which JSON.parse reads back the
 * same. Chromium's TextDecoder decodes pure ASCII several times faster than text with a few non-ASCII letters in
 * it: for the client list's snapshot (1.3 MB, Finnish, Swedish and Vietnamese names) about 95 → 20 ms at 4x CPU
 * slowdown, at every unlock. Small values, and values sealed before this, are plain UTF-8 and read the same way.
 */
function sealableJson(value: unknown): string | undefined {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined || json.length < ESCAPE_FROM_CHARS) return json;
  return json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export async function encryptJson(dk: CryptoKey, value: unknown, aad: string): Promise<SealedJson> {
  const json = sealableJson(value);
  if (json === undefined) throw new TypeError('Only JSON values can be sealed');
  const iv = freshIv();
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: sealedAad(aad) }, dk, utf8.encode(json));
  return { v: 1, iv, data };
}

/** The sealed value, still to be validated by the caller. Rejects when the key, the place or a byte is wrong. */
export async function decryptJson(dk: CryptoKey, sealed: SealedJson, aad: string): Promise<unknown> {
  if (sealed.v !== 1) throw new TypeError(`Unknown sealed format ${String(sealed.v)}`);
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: sealedAad(aad) }, dk, sealed.data);
  return JSON.parse(fromUtf8.decode(plain)) as unknown;
}
