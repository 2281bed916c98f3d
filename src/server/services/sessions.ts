/**
 * Signing in, resolving a session token to an actor, signing out. All state is in the database (failed attempts,
 * lockouts, sessions), so any number of server instances agree. Every function takes `now`, so tests move the clock.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SignInRequest, SignInResponse } from '#shared/schema/auth.ts';
import type { Account, AccountStore, Device, Session } from '../store/accountStore.ts';
import type { Store } from '../store/types.ts';
import { toAccountSummary } from './accounts.ts';
import type { AccountActor } from './actor.ts';
import { hashPassword, needsRehash, verifyNobody, verifyPassword } from './passwords.ts';
import { ACTIVITY_RESOLUTION_MS, LOCKOUT_MS, MAX_FAILED_SIGN_INS, type SessionPolicy } from './sessionPolicy.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** 32 random bytes, base64url without padding: the only form a token or key is ever made in. */
function randomKey(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Only the hash is stored, so a copy of the sessions table cannot be used as cookies. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sessionTimes(session: Session, policy: SessionPolicy): { idleExpiresAt: Date; absoluteExpiresAt: Date } {
  const idle = session.lastSeenAt.getTime() + policy.idleMinutes * MINUTE;
  return { idleExpiresAt: new Date(Math.min(idle, session.expiresAt.getTime())), absoluteExpiresAt: session.expiresAt };
}

export function sessionInfo(session: Session, policy: SessionPolicy): SignInResponse['session'] {
  const { idleExpiresAt, absoluteExpiresAt } = sessionTimes(session, policy);
  return { idleExpiresAt: idleExpiresAt.toISOString(), absoluteExpiresAt: absoluteExpiresAt.toISOString() };
}

export type SignInRefusal = 'invalidCredentials' | 'accountLocked' | 'accountDisabled' | 'deviceRevoked' | 'forbidden';

export type SignInOutcome =
  | { readonly ok: true; readonly token: string; readonly expiresAt: Date; readonly answer: SignInResponse }
  | { readonly ok: false; readonly code: SignInRefusal };

/**
 * Registers the device to the account, or finds it registered already. A device keeps its secret and recovery key
 * for as long as it is registered; one registered to another account, or revoked, is refused.
 */
async function registerDevice(tx: AccountStore, account: Account, request: SignInRequest, now: Date): Promise<Device | 'deviceRevoked' | 'forbidden'> {
  const fresh: Device = {
    id: request.deviceId,
    accountId: account.id,
    name: request.deviceName,
    secret: randomKey(),
    recoveryKey: randomKey(),
    registeredAt: now,
    lastSeenAt: now,
    revokedAt: null,
  };
  // Insert first: of two sign-ins racing with one new device id, exactly one registers it.
  if (await tx.insertDevice(fresh)) return fresh;
  const existing = await tx.deviceById(request.deviceId);
  if (!existing) throw new Error(`device ${request.deviceId} neither inserted nor found`);
  if (existing.revokedAt !== null) return 'deviceRevoked';
  if (existing.accountId !== account.id) return 'forbidden';
  return (await tx.updateDevice(existing.id, { name: request.deviceName, lastSeenAt: now })) ?? existing;
}

export async function signIn(store: Store, request: SignInRequest, policy: SessionPolicy, now: Date): Promise<SignInOutcome> {
  const account = await store.accounts.accountByUsername(request.username);
  if (!account) {
    await verifyNobody(request.password);
    return { ok: false, code: 'invalidCredentials' };
  }
  if (account.lockedUntil !== null && account.lockedUntil > now) return { ok: false, code: 'accountLocked' };
  if (!(await verifyPassword(account.passwordHash, request.password))) {
    await store.accounts.recordFailedSignIn(account.id, MAX_FAILED_SIGN_INS, new Date(now.getTime() + LOCKOUT_MS));
    return { ok: false, code: 'invalidCredentials' };
  }
  // Only someone who knows the password learns that the account is disabled.
  if (account.disabledAt !== null) return { ok: false, code: 'accountDisabled' };

  const rehashed = needsRehash(account.passwordHash) ? await hashPassword(request.password) : undefined;
  const token = randomKey();
  const session: Session = {
    id: randomUUID(),
    tokenHash: hashToken(token),
    accountId: account.id,
    deviceId: request.deviceId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + policy.maxHours * HOUR),
    endedAt: null,
    endReason: null,
  };
  const device = await store.accounts.transaction(async (tx) => {
    const registered = await registerDevice(tx, account, request, now);
    if (typeof registered === 'string') return registered;
    // One open session per device: signing in again replaces the old one, whose cookie stops working.
    await tx.endSessions({ deviceId: registered.id }, now, 'replaced');
    await tx.insertSession(session);
    await tx.updateAccount(account.id, { failedSignIns: 0, lockedUntil: null, ...(rehashed !== undefined && { passwordHash: rehashed }) });
    return registered;
  });
  if (typeof device === 'string') return { ok: false, code: device };
  return {
    ok: true,
    token,
    expiresAt: session.expiresAt,
    answer: {
      account: toAccountSummary(account),
      device: { id: device.id, secret: device.secret, recoveryKey: device.recoveryKey },
      session: sessionInfo(session, policy),
    },
  };
}

export type SessionRefusal = 'signInRequired' | 'deviceRevoked' | 'accountDisabled';

export type ResolvedSession =
  | { readonly ok: true; readonly actor: AccountActor; readonly session: Session; readonly account: Account }
  | { readonly ok: false; readonly code: SessionRefusal };

/**
 * The actor a session token stands for. A revoked device or a disabled account is named as the reason even for a
 * session that has ended, so the device learns to wipe its data or tell its user to ask an administrator.
 */
export async function resolveSession(store: Store, token: string, policy: SessionPolicy, now: Date): Promise<ResolvedSession> {
  if (!TOKEN_PATTERN.test(token)) return { ok: false, code: 'signInRequired' };
  const found = await store.accounts.sessionByTokenHash(hashToken(token));
  if (!found) return { ok: false, code: 'signInRequired' };
  const { account, device } = found;
  if (device.revokedAt !== null) return { ok: false, code: 'deviceRevoked' };
  if (account.disabledAt !== null) return { ok: false, code: 'accountDisabled' };
  const { idleExpiresAt, absoluteExpiresAt } = sessionTimes(found.session, policy);
  if (found.session.endedAt !== null || now >= idleExpiresAt || now >= absoluteExpiresAt) return { ok: false, code: 'signInRequired' };

  let session = found.session;
  if (now.getTime() - session.lastSeenAt.getTime() >= ACTIVITY_RESOLUTION_MS) {
    await store.accounts.touchSession(session, now);
    session = { ...session, lastSeenAt: now };
  }
  const actor: AccountActor = {
    kind: 'account',
    accountId: account.id,
    role: account.role,
    municipalities: account.municipalities,
    clientId: account.clientId,
    deviceId: device.id,
    sessionId: session.id,
  };
  return { ok: true, actor, session, account };
}

export async function signOut(store: Store, sessionId: string, now: Date): Promise<void> {
  await store.accounts.endSessions({ sessionId }, now, 'signedOut');
}
