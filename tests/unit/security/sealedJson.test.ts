import { describe, expect, it } from 'vitest';
import { decryptJson, encryptJson } from '#client/security/sealedJson.ts';

async function dataKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

describe('sealed JSON records', () => {
  it('round-trips a JSON value, with a fresh IV per write', async () => {
    const dk = await dataKey();
    const value = { lastName: 'Öhman', languages: ['ar', 'fi'], born: null };
    const a = await encryptJson(dk, value, 'clients/c1');
    const b = await encryptJson(dk, value, 'clients/c1');
    expect(a.v).toBe(1);
    expect(a.iv).toHaveLength(12);
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(await decryptJson(dk, a, 'clients/c1')).toEqual(value);
  });

  it('gives every write an IV of its own, in a buffer of its own, across batches of random bytes', async () => {
    const dk = await dataKey();
    const sealed = await Promise.all(Array.from({ length: 2500 }, (_, i) => encryptJson(dk, { i }, `notes/n${i}`)));
    expect(new Set(sealed.map((s) => Buffer.from(s.iv).toString('hex'))).size).toBe(2500);
    for (const { iv } of sealed) expect([iv.byteLength, iv.buffer.byteLength]).toEqual([12, 12]);
    const last = sealed.at(-1);
    if (last === undefined) throw new Error('nothing sealed');
    expect(await decryptJson(dk, last, 'notes/n2499')).toEqual({ i: 2499 });
  });

  it('seals a large value as pure ASCII (other characters as JSON escapes) and opens plain UTF-8 alike', async () => {
    const dk = await dataKey();
    const value = { rows: Array.from({ length: 500 }, (_, i) => ({ name: `Nguyễn Thị Hoa ${i}`, city: 'Sjundeå', note: 'كتب 📝' })) };
    const additionalData = new TextEncoder().encode('silta/sealed/v1/notes/n1');
    const sealed = await encryptJson(dk, value, 'notes/n1');
    const plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData }, dk, sealed.data));
    expect(plain.every((byte) => byte < 0x80)).toBe(true);
    expect(await decryptJson(dk, sealed, 'notes/n1')).toEqual(value);

    const iv = crypto.getRandomValues(new Uint8Array(12));
    const utf8 = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, dk, new TextEncoder().encode(JSON.stringify(value)));
    expect(await decryptJson(dk, { v: 1, iv, data: utf8 }, 'notes/n1')).toEqual(value);
  });

  it('does not carry the plain text', async () => {
    const sealed = await encryptJson(await dataKey(), { canary: 'CANARY-7f3a' }, 'clients/c1');
    expect(Buffer.from(sealed.data).includes('CANARY-7f3a')).toBe(false);
  });

  it('refuses a ciphertext moved to another record', async () => {
    const dk = await dataKey();
    const sealed = await encryptJson(dk, { text: 'x' }, 'notes/n1');
    await expect(decryptJson(dk, sealed, 'notes/n2')).rejects.toThrow();
    await expect(decryptJson(dk, sealed, 'clients/n1')).rejects.toThrow();
  });

  it('refuses a tampered ciphertext or IV', async () => {
    const dk = await dataKey();
    const sealed = await encryptJson(dk, { text: 'x' }, 'notes/n1');
    const data = new Uint8Array(sealed.data.slice(0));
    data[0] = data[0]! ^ 1;
    await expect(decryptJson(dk, { ...sealed, data: data.buffer }, 'notes/n1')).rejects.toThrow();
    const iv = sealed.iv.slice();
    iv[11] = iv[11]! ^ 1;
    await expect(decryptJson(dk, { ...sealed, iv }, 'notes/n1')).rejects.toThrow();
  });

  it('refuses another key and an unknown format', async () => {
    const sealed = await encryptJson(await dataKey(), 1, 'notes/n1');
    await expect(decryptJson(await dataKey(), sealed, 'notes/n1')).rejects.toThrow();
    await expect(decryptJson(await dataKey(), { ...sealed, v: 2 as 1 }, 'notes/n1')).rejects.toThrow(TypeError);
  });

  it('refuses a value JSON cannot carry', async () => {
    await expect(encryptJson(await dataKey(), undefined, 'notes/n1')).rejects.toThrow(TypeError);
  });
});
