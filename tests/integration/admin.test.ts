/**
 * The admin API on both stores: only the admin role gets in; accounts are created, changed, disabled and enabled,
 * devices listed and revoked, with the effect on sessions at once; bad input is a 4xx with a code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { accountListResponse, accountResponse, deviceListResponse, deviceResponse } from '#shared/schema/admin.ts';
import { auditPage } from '#shared/schema/audit.ts';
import { CSRF_HEADER, CSRF_HEADER_VALUE, sessionResponse } from '#shared/schema/auth.ts';
import { createAccount, setDisabled } from '#server/services/accounts.ts';
import { systemActor } from '#server/services/actor.ts';
import { revokeDevice } from '#server/services/devices.ts';
import type { Store } from '#server/store/types.ts';
import { createTestAccount, TEST_ACCOUNT } from './support/accounts.ts';
import { cookieOf, injectSignIn, startTestApp, type TestApp } from './support/app.ts';
import { storeKinds } from './support/stores.ts';
import { PROTOCOL_VERSION } from '#shared/schema/sync.ts';

const ADMIN = { username: 'the.admin', password: 'admin password 12345' };
const ADMIN_DEVICE = 'ad00ad00ad00ad00';

describe.each(storeKinds)('the admin API on %s', (kind) => {
  let t: TestApp;
  let adminCookie: string;
  let adminId: string;
  const asAdmin = (options: InjectOptions) =>
    t.app.inject({ ...options, headers: { ...options.headers, cookie: adminCookie, [CSRF_HEADER]: CSRF_HEADER_VALUE } });
  const signIn = async (username: string, password: string, deviceId: string) => cookieOf(await injectSignIn(t.app, { username, password, deviceId }));
  const newAccount = (overrides: Record<string, unknown>) => ({
    username: 'new.person',
    displayName: 'New Person',
    role: 'counsellor',
    municipalities: ['sjundea'],
    password: 'a long enough password',
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp(kind);
    adminId = (await createTestAccount(t.store, { ...ADMIN, role: 'admin', municipalities: [], displayName: 'The Admin' })).id;
    adminCookie = (await signIn(ADMIN.username, ADMIN.password, ADMIN_DEVICE)) ?? '';
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets no other role in', async () => {
    const routes: InjectOptions[] = [
      { method: 'GET', url: '/api/admin/accounts' },
      { method: 'POST', url: '/api/admin/accounts', payload: newAccount({}) },
      { method: 'PATCH', url: `/api/admin/accounts/${adminId}`, payload: { disabled: true } },
      { method: 'GET', url: '/api/admin/devices' },
      { method: 'POST', url: `/api/admin/devices/${ADMIN_DEVICE}/revoke` },
    ];
    for (const role of ['counsellor', 'municipalStaff', 'partner', 'coordinator', 'client'] as const) {
      const shape = {
        counsellor: { municipalities: ['kyrkslatt'] },
        municipalStaff: { municipalities: ['kyrkslatt'] },
        coordinator: { municipalities: ['kyrkslatt'] },
        partner: { municipalities: [] },
        client: { municipalities: [], clientId: '0190f7a2-0000-7000-8000-000000000001' },
      }[role] as { municipalities: ('kyrkslatt' | 'sjundea')[]; clientId?: string };
      await createTestAccount(t.store, { username: `a.${role.toLowerCase()}`, role, ...shape });
      const cookie = await signIn(`a.${role.toLowerCase()}`, TEST_ACCOUNT.password, `${role.length.toString(16)}`.padStart(16, 'b'));
      for (const route of routes) {
        const response = await t.app.inject({ ...route, headers: { cookie: cookie ?? '', [CSRF_HEADER]: CSRF_HEADER_VALUE } });
        expect([role, route.method, route.url, response.statusCode, response.json()]).toEqual([role, route.method, route.url, 403, { code: 'forbidden' }]);
      }
    }
    expect((await asAdmin({ method: 'GET', url: '/api/admin/devices' })).statusCode).toBe(200);
  });

  it('creates an account that can sign in at once, and lists accounts without any password hash', async () => {
    const created = await asAdmin({ method: 'POST', url: '/api/admin/accounts', payload: newAccount({ username: 'New.Person' }) });
    expect(created.statusCode).toBe(201);
    const { account } = accountResponse.parse(created.json());
    expect(account).toMatchObject({ username: 'new.person', role: 'counsellor', municipalities: ['sjundea'], disabled: false, lockedUntil: null });
    expect(await signIn('new.person', 'a long enough password', 'ce11ce11ce11ce11')).toBeDefined();

    const list = await asAdmin({ method: 'GET', url: '/api/admin/accounts' });
    const { accounts } = accountListResponse.parse(list.json());
    expect(accounts.map((a) => a.username)).toContain('new.person');
    expect(list.body).not.toMatch(/argon2|password/i);

    const again = await asAdmin({ method: 'POST', url: '/api/admin/accounts', payload: newAccount({}) });
    expect([again.statusCode, again.json()]).toEqual([409, { code: 'usernameTaken', fields: { username: 'usernameTaken' } }]);
  });

  it.each([
    ['a short password', { password: 'short' }, { password: 'passwordTooShort' }],
    ['a bad username', { username: 'Two Words' }, { username: 'invalidUsername' }],
    ['an unknown role', { role: 'superuser' }, { role: 'invalidChoice' }],
    ['a counsellor serving no municipality', { municipalities: [] }, { municipalities: 'required' }],
    ['staff of two municipalities', { role: 'municipalStaff', municipalities: ['kyrkslatt', 'sjundea'] }, { municipalities: 'invalidValue' }],
    ['a client account without its client', { role: 'client', municipalities: [] }, { clientId: 'required' }],
    ['a partner with a client id', { role: 'partner', municipalities: [], clientId: '0190f7a2-0000-7000-8000-000000000001' }, { clientId: 'invalidValue' }],
    ['an unknown municipality', { municipalities: ['helsinki'] }, { municipalities: 'invalidChoice' }],
    // PostgreSQL refuses NUL in text: these were a 500 there (and a lone surrogate was stored as U+FFFD).
    ['a NUL byte in the name', { displayName: 'New\u0000Person' }, { displayName: 'invalidValue' }],
    ['a line break in the name', { displayName: 'New\nPerson' }, { displayName: 'invalidValue' }],
    ['a lone surrogate in the name', { displayName: 'New \uD800' }, { displayName: 'invalidValue' }],
  ])('refuses to create an account with %s, naming the field', async (_name, overrides, fields) => {
    const response = await asAdmin({ method: 'POST', url: '/api/admin/accounts', payload: newAccount({ username: 'refused', ...overrides }) });
    expect([response.statusCode, response.json()]).toEqual([400, { code: 'badRequest', fields }]);
  });

  it('changes an account, and the change holds from the next request of its sessions', async () => {
    const account = await createTestAccount(t.store, { username: 'moving', municipalities: ['kyrkslatt'] });
    const cookie = (await signIn('moving', TEST_ACCOUNT.password, 'ab0ab0ab0ab0ab0a')) ?? '';
    const changed = await asAdmin({
      method: 'PATCH',
      url: `/api/admin/accounts/${account.id}`,
      payload: { displayName: 'Moved Person', role: 'municipalStaff', municipalities: ['sjundea'] },
    });
    expect(accountResponse.parse(changed.json()).account).toMatchObject({ displayName: 'Moved Person', role: 'municipalStaff', municipalities: ['sjundea'] });
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
    expect(sessionResponse.parse(session.json()).account).toMatchObject({ role: 'municipalStaff', municipalities: ['sjundea'] });

    const mismatch = await asAdmin({ method: 'PATCH', url: `/api/admin/accounts/${account.id}`, payload: { role: 'admin' } });
    expect([mismatch.statusCode, mismatch.json()]).toEqual([400, { code: 'badRequest', fields: { municipalities: 'invalidValue' } }]);
  });

  it('disables an account, ending its sessions at once, and enables it again', async () => {
    const account = await createTestAccount(t.store, { username: 'paused' });
    const cookie = (await signIn('paused', TEST_ACCOUNT.password, 'ba5eba5eba5eba5e')) ?? '';
    const disabled = await asAdmin({ method: 'PATCH', url: `/api/admin/accounts/${account.id}`, payload: { disabled: true } });
    expect(accountResponse.parse(disabled.json()).account.disabled).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } })).json()).toEqual({ code: 'accountDisabled' });
    expect((await injectSignIn(t.app, { username: 'paused', password: TEST_ACCOUNT.password, deviceId: 'ba5eba5eba5eba5e' })).json()).toEqual({
      code: 'accountDisabled',
    });
    const enabled = await asAdmin({ method: 'PATCH', url: `/api/admin/accounts/${account.id}`, payload: { disabled: false } });
    expect(accountResponse.parse(enabled.json()).account.disabled).toBe(false);
    expect(await signIn('paused', TEST_ACCOUNT.password, 'ba5eba5eba5eba5e')).toBeDefined();
  });

  it('keeps an admin from disabling or demoting their own account', async () => {
    for (const payload of [{ disabled: true }, { role: 'partner' }]) {
      const response = await asAdmin({ method: 'PATCH', url: `/api/admin/accounts/${adminId}`, payload });
      expect([response.statusCode, response.json()]).toEqual([403, { code: 'forbidden' }]);
    }
    expect((await asAdmin({ method: 'PATCH', url: `/api/admin/accounts/${adminId}`, payload: { displayName: 'Still Admin' } })).statusCode).toBe(200);
  });

  it('answers an unknown or malformed account id with 404, and a bad change with 400', async () => {
    for (const id of ['0190f7a2-0000-7000-8000-00000000ffff', 'not-an-id']) {
      const response = await asAdmin({ method: 'PATCH', url: `/api/admin/accounts/${id}`, payload: { displayName: 'X' } });
      expect([response.statusCode, response.json()]).toEqual([404, { code: 'notFound' }]);
    }
    const bad = await asAdmin({ method: 'PATCH', url: `/api/admin/accounts/${adminId}`, payload: { disabled: 'yes', displayName: '' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'badRequest', fields: { displayName: 'required' } });
    const nul = await asAdmin({ method: 'PATCH', url: `/api/admin/accounts/${adminId}`, payload: { displayName: 'The\u0000Admin' } });
    expect([nul.statusCode, nul.json()]).toEqual([400, { code: 'badRequest', fields: { displayName: 'invalidValue' } }]);
    expect(await t.db.sql(`SELECT display_name FROM accounts WHERE id = '${adminId}'`)).toEqual([{ display_name: 'Still Admin' }]);
  });

  it('lists devices without their keys, and revokes one: its session ends and it cannot sign in again', async () => {
    const deviceId = 'de7ede7ede7ede7e';
    const cookie = (await signIn(TEST_ACCOUNT.username, TEST_ACCOUNT.password, deviceId)) ?? '';
    const list = await asAdmin({ method: 'GET', url: '/api/admin/devices' });
    const { devices } = deviceListResponse.parse(list.json());
    expect(devices.find((d) => d.id === deviceId)).toMatchObject({ username: TEST_ACCOUNT.username, name: 'test', revokedAt: null });
    expect(list.body).not.toMatch(/secret|recovery/i);

    const revoked = await asAdmin({ method: 'POST', url: `/api/admin/devices/${deviceId}/revoke` });
    expect(deviceResponse.parse(revoked.json()).device.revokedAt).not.toBeNull();
    expect((await t.app.inject({ method: 'GET', url: `/api/sync/pull?v=${PROTOCOL_VERSION}&cursor=0`, headers: { cookie } })).json()).toEqual({ code: 'deviceRevoked' });
    expect(await signIn(TEST_ACCOUNT.username, TEST_ACCOUNT.password, deviceId)).toBeUndefined();

    for (const id of ['0000000000000000', 'nonsense']) {
      const response = await asAdmin({ method: 'POST', url: `/api/admin/devices/${id}/revoke` });
      expect([response.statusCode, response.json()]).toEqual([404, { code: 'notFound' }]);
    }
  });

  it("logs each admin's change to accounts and devices in the audit log, naming the subject and never a password", async () => {
    const created = await asAdmin({ method: 'POST', url: '/api/admin/accounts', payload: newAccount({ username: 'logged.person' }) });
    const accountId = accountResponse.parse(created.json()).account.id;
    await asAdmin({ method: 'PATCH', url: `/api/admin/accounts/${accountId}`, payload: { disabled: true } });
    const deviceId = 'a0d17a0d17a0d17a';
    await signIn(TEST_ACCOUNT.username, TEST_ACCOUNT.password, deviceId);
    await asAdmin({ method: 'POST', url: `/api/admin/devices/${deviceId}/revoke` });
    // A refused change logs nothing.
    await asAdmin({ method: 'POST', url: '/api/admin/accounts', payload: newAccount({ username: 'logged.person' }) });

    const page = auditPage.parse((await asAdmin({ method: 'GET', url: `/api/admin/audit?accountId=${adminId}&limit=1000` })).json());
    const rows = page.entries.filter((e) => e.recordId === accountId || e.recordId === deviceId);
    expect(rows.map((e) => [e.action, e.recordType, e.recordId, e.clientId, e.deviceId])).toEqual([
      ['createAccount', 'account', accountId, null, ADMIN_DEVICE],
      ['updateAccount', 'account', accountId, null, ADMIN_DEVICE],
      ['revokeDevice', 'device', deviceId, null, ADMIN_DEVICE],
    ]);
    const exported = await asAdmin({ method: 'GET', url: `/api/admin/audit/export?accountId=${adminId}` });
    expect(exported.body).toContain('revokeDevice');
    expect(exported.body).not.toContain('a long enough password');
  });

  it('makes no change whose audit row cannot be written', async () => {
    // The real store, with only the audit row of each account transaction failing, as a full disk would.
    const accounts = t.store.accounts;
    const failing: Store = {
      ...t.store,
      accounts: { ...accounts, transaction: (work) => accounts.transaction((tx) => work({ ...tx, appendAudit: () => Promise.reject(new Error('audit row not written')) })) },
    };
    const by = { actor: systemActor, now: new Date() };
    const request = { ...TEST_ACCOUNT, username: 'never.made', municipalities: [...TEST_ACCOUNT.municipalities] };
    await expect(createAccount(failing, request, by)).rejects.toThrow('audit row not written');
    expect(await accounts.accountByUsername('never.made')).toBeUndefined();

    const kept = await createTestAccount(t.store, { username: 'kept.enabled' });
    await expect(setDisabled(failing, kept.id, true, by)).rejects.toThrow('audit row not written');
    expect((await accounts.accountById(kept.id))?.disabledAt).toBeNull();

    const deviceId = 'a0d17a0d17a0d17b';
    await signIn(TEST_ACCOUNT.username, TEST_ACCOUNT.password, deviceId);
    await expect(revokeDevice(failing, deviceId, by)).rejects.toThrow('audit row not written');
    expect((await accounts.deviceById(deviceId))?.revokedAt).toBeNull();
  });
});
