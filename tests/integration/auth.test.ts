/**
 * Sign-in, sessions and devices over the real routes, on both stores: credentials and lockout, the cookie, idle and
 * absolute expiry on a clock the test moves, sign-out, replaced sessions, revoked devices, CSRF and the rate limit.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '#server/app.ts';
import { SESSION_COOKIE } from '#server/routes/authenticate.ts';
import { setDisabled } from '#server/services/accounts.ts';
import { systemActor } from '#server/services/actor.ts';
import { hashPassword, verifyPassword } from '#server/services/passwords.ts';
import { revokeDevice } from '#server/services/devices.ts';
import { LOCKOUT_MS, MAX_FAILED_SIGN_INS } from '#server/services/sessionPolicy.ts';
import { CSRF_HEADER, CSRF_HEADER_VALUE, sessionResponse, signInResponse } from '#shared/schema/auth.ts';
import { PROTOCOL_VERSION } from '#shared/schema/sync.ts';
import { clientData, TestDevice } from '../fixtures/serverEntries.ts';
import { createTestAccount, TEST_ACCOUNT } from './support/accounts.ts';
import { cookieOf, injectSignIn, startTestApp, TEST_VERSION, type TestApp } from './support/app.ts';
import { storeKinds } from './support/stores.ts';

const MINUTE = 60_000;
const IDLE_MINUTES = 30;
const MAX_HOURS = 2;
const { username, password } = TEST_ACCOUNT;

describe.each(storeKinds)('sign-in and sessions on %s', (kind) => {
  let t: TestApp;
  let now: Date;
  let devices = 0;
  /** A device id no test has used yet, so each test starts with a device of its own. */
  const newDeviceId = () => (devices += 1).toString(16).padStart(16, 'd');
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const signIn = (deviceId: string, overrides: { username?: string; password?: string } = {}) =>
    injectSignIn(t.app, { username, password, deviceId, ...overrides });
  const signedIn = async (deviceId: string) => {
    const response = await signIn(deviceId);
    const cookie = cookieOf(response);
    if (response.statusCode !== 200 || cookie === undefined) throw new Error(`sign-in answered ${response.statusCode}: ${response.body}`);
    return cookie;
  };
  const pull = (cookie: string | undefined) =>
    t.app.inject({ method: 'GET', url: `/api/sync/pull?v=${PROTOCOL_VERSION}&cursor=0`, headers: cookie === undefined ? {} : { cookie } });
  const push = (cookie: string, deviceId: string, headers: Record<string, string> = { [CSRF_HEADER]: CSRF_HEADER_VALUE }) => {
    const device = new TestDevice(deviceId);
    return t.app.inject({ method: 'POST', url: '/api/sync/push', headers: { cookie, ...headers }, payload: device.push([device.insert('client', clientData())]) });
  };
  const sessionRow = async (cookie: string) => {
    const token = cookie.slice(SESSION_COOKIE.length + 1);
    const hash = createHash('sha256').update(token).digest('hex');
    return (await t.db.sql(`SELECT * FROM sessions WHERE token_hash = '${hash}'`))[0];
  };

  beforeAll(async () => {
    now = new Date('2026-03-02T08:00:00.000Z');
    t = await startTestApp(kind, { clock: () => now, config: { sessions: { idleMinutes: IDLE_MINUTES, maxHours: MAX_HOURS } } });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    later(60 * MINUTE);
  });

  it('signs in with the right password, registers the device, and sets a strict session cookie', async () => {
    const deviceId = newDeviceId();
    const response = await signIn(deviceId);
    expect(response.statusCode).toBe(200);
    const answer = signInResponse.parse(response.json());
    expect(answer.account).toMatchObject({ username, role: 'counsellor', municipalities: ['kyrkslatt', 'sjundea'], clientId: null });
    expect(answer.device.id).toBe(deviceId);
    expect(answer.device.secret).not.toBe(answer.device.recoveryKey);
    expect(answer.session).toEqual({
      idleExpiresAt: new Date(now.getTime() + IDLE_MINUTES * MINUTE).toISOString(),
      absoluteExpiresAt: new Date(now.getTime() + MAX_HOURS * 60 * MINUTE).toISOString(),
    });

    const [cookie, ...others] = response.cookies;
    expect(others).toEqual([]);
    expect(cookie).toMatchObject({ name: '__Host-silta-session', path: '/', httpOnly: true, secure: true, sameSite: 'Strict' });
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie?.expires).toEqual(new Date(answer.session.absoluteExpiresAt));
    expect(cookie).not.toHaveProperty('domain');

    // The token is stored only as its SHA-256; no column holds the token itself.
    const row = await sessionRow(`${SESSION_COOKIE}=${cookie?.value ?? ''}`);
    expect(row).toMatchObject({ device_id: deviceId, ended_at: null });
    expect(JSON.stringify(await t.db.sql('SELECT * FROM sessions'))).not.toContain(cookie?.value);

    const session = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: cookieOf(response) ?? '' } });
    expect(session.statusCode).toBe(200);
    expect(sessionResponse.parse(session.json())).toEqual({ account: answer.account, session: answer.session });
  });

  it('compares usernames in lower case', async () => {
    expect((await signIn(newDeviceId(), { username: '  CounSELLor ' })).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown username alike, after an Argon2 verification either way', async () => {
    const hash = await hashPassword('some other password');
    const verifyStart = performance.now();
    await verifyPassword(hash, 'not the password at all');
    const verifyMs = performance.now() - verifyStart;
    for (const name of [username, 'nobody.here']) {
      const start = performance.now();
      const response = await signIn(newDeviceId(), { username: name, password: 'not the password at all' });
      expect([name, response.statusCode, response.json()]).toEqual([name, 401, { code: 'invalidCredentials' }]);
      // An unknown username is checked against a dummy hash: no quick answer that tells which usernames exist.
      expect(performance.now() - start).toBeGreaterThan(verifyMs * 0.5);
    }
    await t.db.sql(`UPDATE accounts SET failed_sign_ins = 0 WHERE username = '${username}'`);
  });

  it(`locks the account after ${MAX_FAILED_SIGN_INS} wrong passwords in a row, in the database, for 15 minutes`, async () => {
    const other = await createTestAccount(t.store, { username: 'locked.out' });
    const deviceId = newDeviceId();
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i += 1) {
      expect((await signIn(deviceId, { username: 'locked.out', password: 'wrong password' })).json()).toEqual({ code: 'invalidCredentials' });
    }
    const locked = await signIn(deviceId, { username: 'locked.out' });
    expect([locked.statusCode, locked.json()]).toEqual([423, { code: 'accountLocked' }]);

    // Another server instance on the same database sees the same lock.
    const secondStore = await t.db.openStore();
    const second = await buildApp({ store: secondStore, config: { version: TEST_VERSION }, clock: () => now });
    try {
      expect((await injectSignIn(second, { username: 'locked.out', password, deviceId })).json()).toEqual({ code: 'accountLocked' });
    } finally {
      await second.close();
      await secondStore.close();
    }

    later(LOCKOUT_MS - MINUTE);
    expect((await signIn(deviceId, { username: 'locked.out' })).json()).toEqual({ code: 'accountLocked' });
    later(MINUTE);
    expect((await signIn(deviceId, { username: 'locked.out' })).statusCode).toBe(200);
    expect(await t.store.accounts.accountById(other.id)).toMatchObject({ failedSignIns: 0, lockedUntil: null });
  });

  it('counts only wrong passwords in a row: a sign-in in between starts the count again', async () => {
    await createTestAccount(t.store, { username: 'forgetful' });
    const deviceId = newDeviceId();
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i += 1) await signIn(deviceId, { username: 'forgetful', password: 'wrong password' });
    expect((await signIn(deviceId, { username: 'forgetful' })).statusCode).toBe(200);
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i += 1) await signIn(deviceId, { username: 'forgetful', password: 'wrong password' });
    expect((await signIn(deviceId, { username: 'forgetful' })).statusCode).toBe(200);
  });

  it('says an account is disabled only to someone who knows its password', async () => {
    const account = await createTestAccount(t.store, { username: 'gone.away' });
    await setDisabled(t.store, account.id, true, { actor: systemActor, now });
    expect((await signIn(newDeviceId(), { username: 'gone.away', password: 'wrong password' })).json()).toEqual({ code: 'invalidCredentials' });
    const right = await signIn(newDeviceId(), { username: 'gone.away' });
    expect([right.statusCode, right.json()]).toEqual([403, { code: 'accountDisabled' }]);
  });

  it('ends a session left idle, and keeps one in use alive only until its absolute end', async () => {
    const idle = await signedIn(newDeviceId());
    later(IDLE_MINUTES * MINUTE - MINUTE);
    expect((await pull(idle)).statusCode).toBe(200);
    later(IDLE_MINUTES * MINUTE);
    const expired = await pull(idle);
    expect([expired.statusCode, expired.json()]).toEqual([401, { code: 'signInRequired' }]);
    expect(expired.cookies).toMatchObject([{ name: SESSION_COOKIE, value: '' }]);

    const busy = await signedIn(newDeviceId());
    const end = now.getTime() + MAX_HOURS * 60 * MINUTE;
    while (now.getTime() + 20 * MINUTE < end) {
      later(20 * MINUTE);
      expect((await pull(busy)).statusCode).toBe(200);
    }
    now = new Date(end);
    expect((await pull(busy)).json()).toEqual({ code: 'signInRequired' });
  });

  it('writes a session’s last activity at most once a minute, so a pull stays a read', async () => {
    const cookie = await signedIn(newDeviceId());
    const signedInAt = now.toISOString();
    later(30_000);
    expect((await pull(cookie)).statusCode).toBe(200);
    expect((await sessionRow(cookie))?.['last_seen_at']).toBe(signedInAt);
    later(31_000);
    expect((await pull(cookie)).statusCode).toBe(200);
    expect((await sessionRow(cookie))?.['last_seen_at']).toBe(now.toISOString());
    const session = sessionResponse.parse((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } })).json());
    expect(session.session.idleExpiresAt).toBe(new Date(now.getTime() + IDLE_MINUTES * MINUTE).toISOString());
  });

  it('ends the session on sign-out and clears the cookie', async () => {
    const cookie = await signedIn(newDeviceId());
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie, [CSRF_HEADER]: CSRF_HEADER_VALUE } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies).toMatchObject([{ name: SESSION_COOKIE, value: '' }]);
    expect(await sessionRow(cookie)).toMatchObject({ end_reason: 'signedOut', ended_at: now.toISOString() });
    expect((await pull(cookie)).json()).toEqual({ code: 'signInRequired' });
  });

  it('gives a new token on each sign-in of a device and ends the old one, keeping the device’s keys', async () => {
    const deviceId = newDeviceId();
    const first = await signIn(deviceId);
    const second = await signIn(deviceId);
    const [oldCookie, newCookie] = [cookieOf(first), cookieOf(second)];
    expect(newCookie).not.toBe(oldCookie);
    expect((await pull(oldCookie)).json()).toEqual({ code: 'signInRequired' });
    expect((await pull(newCookie)).statusCode).toBe(200);
    expect(await sessionRow(oldCookie ?? '')).toMatchObject({ end_reason: 'replaced' });
    expect(signInResponse.parse(second.json()).device).toEqual(signInResponse.parse(first.json()).device);
  });

  it('refuses a revoked device everywhere with deviceRevoked, and a device of another account', async () => {
    const deviceId = newDeviceId();
    const cookie = await signedIn(deviceId);
    await revokeDevice(t.store, deviceId, { actor: systemActor, now });
    const pulled = await pull(cookie);
    expect([pulled.statusCode, pulled.json()]).toEqual([403, { code: 'deviceRevoked' }]);
    const pushed = await push(cookie, deviceId);
    expect([pushed.statusCode, pushed.json()]).toEqual([403, { code: 'deviceRevoked' }]);
    const again = await signIn(deviceId);
    expect([again.statusCode, again.json()]).toEqual([403, { code: 'deviceRevoked' }]);

    await createTestAccount(t.store, { username: 'colleague' });
    const taken = await signIn(newDeviceId());
    expect(taken.statusCode).toBe(200);
    const theirs = signInResponse.parse(taken.json()).device.id;
    expect((await signIn(theirs, { username: 'colleague' })).json()).toEqual({ code: 'forbidden' });
  });

  it('ends the sessions of a disabled account, which then hears accountDisabled', async () => {
    const account = await createTestAccount(t.store, { username: 'leaving' });
    const deviceId = newDeviceId();
    const response = await signIn(deviceId, { username: 'leaving' });
    await setDisabled(t.store, account.id, true, { actor: systemActor, now });
    expect((await pull(cookieOf(response))).json()).toEqual({ code: 'accountDisabled' });
    await setDisabled(t.store, account.id, false, { actor: systemActor, now });
    // Enabled again, the old session stays ended: the person signs in anew.
    expect((await pull(cookieOf(response))).json()).toEqual({ code: 'signInRequired' });
  });

  it('answers every route behind sign-in with 401 without a valid session cookie', async () => {
    const csrf = { [CSRF_HEADER]: CSRF_HEADER_VALUE };
    for (const cookie of [undefined, `${SESSION_COOKIE}=nonsense`, `${SESSION_COOKIE}=${'A'.repeat(43)}`]) {
      const headers = { ...csrf, ...(cookie === undefined ? {} : { cookie }) };
      for (const [method, url] of [
        ['GET', `/api/sync/pull?v=${PROTOCOL_VERSION}&cursor=0`],
        ['POST', '/api/sync/push'],
        ['GET', '/api/auth/session'],
        ['POST', '/api/auth/sign-out'],
        ['GET', '/api/admin/accounts'],
      ] as const) {
        const response = await t.app.inject({ method, url, headers, ...(method === 'POST' && { payload: {} }) });
        expect([method, url, response.statusCode, response.json()]).toEqual([method, url, 401, { code: 'signInRequired' }]);
      }
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('refuses a state-changing request without the CSRF header, sign-in included', async () => {
    const deviceId = newDeviceId();
    const cookie = await signedIn(deviceId);
    const noHeader = await push(cookie, deviceId, {});
    expect([noHeader.statusCode, noHeader.json()]).toEqual([403, { code: 'forbidden' }]);
    const wrongValue = await push(cookie, deviceId, { [CSRF_HEADER]: 'yes' });
    expect(wrongValue.statusCode).toBe(403);
    const signInWithout = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password, deviceId, deviceName: '' } });
    expect([signInWithout.statusCode, signInWithout.json()]).toEqual([403, { code: 'forbidden' }]);
    expect(signInWithout.cookies).toEqual([]);
    expect((await push(cookie, deviceId)).statusCode).toBe(200);
  });

  it('refuses a push made in the name of another device, and stores nothing of it', async () => {
    const cookie = await signedIn(newDeviceId());
    const before = await t.store.lastSeq();
    const response = await push(cookie, newDeviceId());
    expect([response.statusCode, response.json()]).toEqual([403, { code: 'forbidden' }]);
    expect(await t.store.lastSeq()).toBe(before);
  });

  it.each([
    ['no body', undefined],
    ['a list', []],
    ['null', null],
    ['a bad username', { username: 'Anna Smith', password, deviceId: '0123456789abcdef', deviceName: '' }],
    ['no password', { username, deviceId: '0123456789abcdef', deviceName: '' }],
    ['a bad device id', { username, password, deviceId: 'tablet-1', deviceName: '' }],
    ['a huge password', { username, password: 'x'.repeat(100_000), deviceId: '0123456789abcdef', deviceName: '' }],
    ['a number for a name', { username: 42, password, deviceId: '0123456789abcdef', deviceName: '' }],
  ])('answers a sign-in with %s with 400 and a code', async (_name, payload) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE, 'content-type': 'application/json' },
      payload: payload === undefined ? '' : JSON.stringify(payload),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'badRequest' });
  });

  it('refuses a device name with a NUL byte or a control character, registering nothing', async () => {
    // The right password: the name is stored only on a successful sign-in, where a NUL was a 500 on PostgreSQL.
    for (const deviceName of ['Tablet\u0000', 'Tablet\u001b[2J', 'Tablet \uDC00']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE },
        payload: { username, password, deviceId: 'ba5eba5eba5eba5e', deviceName },
      });
      expect([response.statusCode, response.json()]).toEqual([400, { code: 'badRequest', fields: { deviceName: 'invalidValue' } }]);
    }
    expect(await t.db.sql(`SELECT id FROM devices WHERE id = 'ba5eba5eba5eba5e'`)).toEqual([]);
  });

  it('names the field that is wrong in a refused sign-in', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE },
      payload: { username: 'Anna Smith', password: '', deviceId: '0123456789abcdef', deviceName: '' },
    });
    expect(response.json()).toEqual({ code: 'badRequest', fields: { username: 'invalidUsername', password: 'required' } });
  });
});

describe.each(storeKinds)('the sign-in rate limit on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { config: { signInsPerMinute: 3 } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 rateLimited once one address has tried too often in a minute, right password or not', async () => {
    const deviceId = '0a0a0a0a0a0a0a0a';
    expect((await injectSignIn(t.app, { username, password: 'wrong password', deviceId })).statusCode).toBe(401);
    expect((await injectSignIn(t.app, { username, password: 'wrong password', deviceId })).statusCode).toBe(401);
    const signedIn = await injectSignIn(t.app, { username, password, deviceId });
    expect(signedIn.statusCode).toBe(200);
    const limited = await injectSignIn(t.app, { username, password, deviceId });
    expect([limited.statusCode, limited.json()]).toEqual([429, { code: 'rateLimited' }]);
    // Only sign-in is limited: a signed-in device goes on syncing.
    const headers = { cookie: cookieOf(signedIn) ?? '' };
    for (let i = 0; i < 5; i += 1) expect((await t.app.inject({ method: 'GET', url: `/api/sync/pull?v=${PROTOCOL_VERSION}&cursor=0`, headers })).statusCode).toBe(200);
  });
});
