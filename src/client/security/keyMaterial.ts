/** The server's key material (device secret, recovery key) arrives as 32 bytes in base64url without padding. */
import { keyMaterial } from '#shared/schema/auth.ts';

export function decodeKeyMaterial(text: string): Uint8Array<ArrayBuffer> {
  if (!keyMaterial.safeParse(text).success) throw new TypeError('Key material must be 32 bytes in base64url');
  // 43 characters carry 32 bytes; atob wants the standard alphabet and the one padding character back.
  const binary = atob(`${text.replace(/-/g, '+').replace(/_/g, '/')}=`);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
