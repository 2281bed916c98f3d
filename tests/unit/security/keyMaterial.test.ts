import { describe, expect, it } from 'vitest';
import { decodeKeyMaterial } from '#client/security/keyMaterial.ts';

describe('key material from the server', () => {
  it('decodes 32 bytes of base64url', () => {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    // 0xfb 0xff start with '-_', the two characters in which base64url differs from base64.
    bytes[0] = 0xfb;
    bytes[1] = 0xff;
    const decoded = decodeKeyMaterial(Buffer.from(bytes).toString('base64url'));
    expect(Buffer.from(decoded).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses anything else', () => {
    expect(() => decodeKeyMaterial(Buffer.alloc(31).toString('base64url'))).toThrow(TypeError);
    expect(() => decodeKeyMaterial(Buffer.alloc(32).toString('base64'))).toThrow(TypeError);
    expect(() => decodeKeyMaterial('')).toThrow(TypeError);
  });
});
