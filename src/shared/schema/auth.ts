import * as z from 'zod/mini';
import { municipality, printable, recordId } from './common.ts';
import { deviceId } from './sync.ts';

/**
 * Accounts, roles and sessions on the wire. A role decides what an account may read and write (the server's
 * access function has one rule per record type and role); `municipalities` are the ones a counsellor serves, or
 * the one a member of municipal staff or a coordinator belongs to.
 */
export const roles = ['counsellor', 'municipalStaff', 'partner', 'coordinator', 'admin', 'client'] as const;
export const role = z.enum(roles, { error: 'invalidChoice' });
export type Role = (typeof roles)[number];

/** Usernames are compared in lower case; letters, digits and . _ @ - so an email address also fits. */
export const username = z
  .string({ error: 'required' })
  .check(
    z.trim(),
    z.toLowerCase(),
    z.minLength(1, { error: 'required' }),
    z.maxLength(100, { error: 'tooLong' }),
    z.regex(/^[a-z0-9._@-]+$/, { error: 'invalidUsername' }),
  );

/** A new password: long rather than complex (NIST SP 800-63B), and bounded so hashing stays cheap to refuse. */
export const newPassword = z
  .string({ error: 'required' })
  .check(z.minLength(12, { error: 'passwordTooShort' }), z.maxLength(200, { error: 'tooLong' }));

export const signInRequest = z.object({
  username,
  // Any stored password must still sign in after the rules for new ones change, so only the bounds are checked.
  password: z.string({ error: 'required' }).check(z.minLength(1, { error: 'required' }), z.maxLength(200, { error: 'tooLong' })),
  deviceId,
  /** What the device calls itself (browser and platform), shown to admins in the device list. */
  deviceName: z.string().check(z.trim(), z.maxLength(100), printable()),
});
export type SignInRequest = z.output<typeof signInRequest>;

export const accountSummary = z.object({
  id: recordId,
  username: z.string(),
  displayName: z.string(),
  role,
  municipalities: z.array(municipality),
  /** For the `client` role: the client record this account is. */
  clientId: z.nullable(recordId),
});
export type AccountSummary = z.output<typeof accountSummary>;

/** 32 random bytes, base64url without padding. */
export const keyMaterial = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));

export const sessionInfo = z.object({
  /** When the session ends if nothing happens before (ISO date-time, UTC). */
  idleExpiresAt: z.string(),
  /** When the session ends whatever happens. */
  absoluteExpiresAt: z.string(),
});

/**
 * What a successful sign-in answers. `deviceSecret` is kept on the device (as a non-extractable key) and combined
 * with the user's PIN to unlock local data offline; `recoveryKey` is never stored on the device: it opens the
 * data key again after too many wrong PINs, and only an online sign-in hands it out. Both stay the same for the
 * life of the device's registration and are never given to a revoked device.
 */
export const signInResponse = z.object({
  account: accountSummary,
  device: z.object({ id: deviceId, secret: keyMaterial, recoveryKey: keyMaterial }),
  session: sessionInfo,
});
export type SignInResponse = z.output<typeof signInResponse>;

/** GET /api/auth/session: who the session cookie belongs to. */
export const sessionResponse = z.object({ account: accountSummary, session: sessionInfo });
export type SessionResponse = z.output<typeof sessionResponse>;

/** Every state-changing API request carries this header: a cross-site form or image cannot set it (CSRF). */
export const CSRF_HEADER = 'x-silta-request';
export const CSRF_HEADER_VALUE = '1';
