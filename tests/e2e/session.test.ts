/**
 * Signing in, the PIN, locking and the device's end, in the built app in Chromium against the real server: what a
 * counsellor does at the start and end of a day, and what an administrator's revocation does to a lost tablet.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { auditPage } from '#shared/schema/audit.ts';
import { signInOverHttp } from '../support/signIn.ts';
import { serverAndBrowserPerFile, testAdmin, testColleague } from './environment.ts';
import { choosePin, countStored, createClient, openApp, openSignedOut, signIn, syncNow, testAccount, unlock } from './appDriver.ts';

const env = serverAndBrowserPerFile();

async function lockNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Silta is locked' }).waitFor();
}

/** One PIN attempt, waited out: the screen empties the field when the answer comes (or leaves). */
async function tryPin(page: Page, pin: string): Promise<void> {
  await page.getByLabel('PIN or passphrase', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await page.waitForFunction(() => {
    const field = document.querySelector<HTMLInputElement>('input[type="password"]');
    return field === null || field.value === '';
  });
}

/** The device id this browser profile registered with, from its clock in IndexedDB. */
function deviceIdOf(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('silta');
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('hlc');
          get.onsuccess = () => (open.result.close(), resolve((get.result as { value: { deviceId: string } }).value.deviceId));
          get.onerror = () => reject(get.error ?? new Error('no clock'));
        };
        open.onerror = () => reject(open.error ?? new Error('database not opened'));
      }),
  );
}

describe('signing in and unlocking, in Chromium', () => {
  it('asks for the password on a new device, then opens with the PIN offline and counts wrong PINs', async () => {
    const { context, page } = await openSignedOut(env.browser, env.server.url);
    try {
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.getByLabel('Username', { exact: true }).fill(testAccount.username);
      await page.getByLabel('Password', { exact: true }).fill('not the password');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();

      await signIn(page);
      await createClient(page, { firstNames: 'Amina', lastName: 'Yusuf', dateOfBirth: '1990-04-12', motherTongue: 'Somali' });
      await lockNow(page);
      expect(await page.getByText(`Signed in as ${testAccount.displayName}.`, { exact: false }).count()).toBe(1);
      expect(await page.getByText('Amina').count()).toBe(0);

      await context.setOffline(true);
      await tryPin(page, '000000');
      await page.getByText('4 attempts left', { exact: false }).waitFor();
      // The count survives a reload: it is stored with the vault, not in the page.
      await page.reload();
      await tryPin(page, '111111');
      await page.getByText('3 attempts left', { exact: false }).waitFor();
      await unlock(page);
      // Back where it was locked: the client's page.
      await page.getByRole('heading', { level: 1, name: 'Amina Yusuf' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('loads the client list while the PIN is typed, and a client\'s page once the list is up, before either is opened', async () => {
    const { context, page } = await openSignedOut(env.browser, env.server.url);
    const loaded = (chunk: string) =>
      page.evaluate((name) => performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.startsWith(`/assets/${name}-`)), chunk);
    try {
      await signIn(page);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Silta is locked' }).waitFor();
      await expect.poll(() => loaded('ClientListScreen'), { timeout: 10_000 }).toBe(true);
      expect(await loaded('ClientDetailScreen')).toBe(false);
      await unlock(page);
      await page.getByRole('searchbox', { name: 'Search by name' }).waitFor();
      await expect.poll(() => loaded('ClientDetailScreen'), { timeout: 10_000 }).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('after five wrong PINs needs the password, and keeps the unsynced work on the device', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    try {
      await context.setOffline(true);
      await createClient(page, { firstNames: 'Leyla', lastName: 'Karimi', dateOfBirth: '1995-07-01', motherTongue: 'Persian' });
      await lockNow(page);
      for (let i = 0; i < 5; i++) await tryPin(page, `99999${i}`);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.getByText('Too many wrong PINs', { exact: false }).waitFor();

      await context.setOffline(false);
      await page.getByLabel('Password', { exact: true }).fill(testAccount.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await choosePin(page, 'en', '13572468');
      await page.getByRole('heading', { level: 1, name: 'Leyla Karimi' }).waitFor();
      await syncNow(page);
      await page.getByTestId('unsynced-count').filter({ hasText: '0 changes not yet synced' }).waitFor();

      // The old PIN no longer opens the device; the new one does.
      await lockNow(page);
      await tryPin(page, testAccount.pin);
      await page.getByText('4 attempts left', { exact: false }).waitFor();
      await unlock(page, 'en', '13572468');
    } finally {
      await context.close();
    }
  });

  it('locks itself after five minutes without input', async () => {
    const context = await env.browser.newContext({ locale: 'en-GB', viewport: { width: 1024, height: 768 } });
    try {
      await context.clock.install();
      const page = await context.newPage();
      await page.goto(env.server.url);
      await signIn(page);
      await page.clock.fastForward('04:00');
      expect(await page.getByRole('button', { name: 'Lock', exact: true }).count()).toBe(1);
      await page.clock.fastForward('01:05');
      await page.getByRole('heading', { level: 1, name: 'Silta is locked' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('when the server session has ended, signing in again goes straight back to the open app and syncs', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    try {
      await createClient(page, { firstNames: 'Fatima', lastName: 'Hassan', dateOfBirth: '1983-03-03', motherTongue: 'Arabic' });
      // What an expired or ended session looks like to the device: the server no longer knows its cookie.
      await context.clearCookies();
      await page.getByRole('button', { name: 'Sync now' }).click();
      await page.getByRole('alert').filter({ hasText: 'Sign in again to sync.' }).waitFor();
      await page.getByRole('button', { name: 'Sign in to sync', exact: true }).click();
      await page.getByText('Your session has ended.', { exact: false }).waitFor();
      await page.getByLabel('Password', { exact: true }).fill(testAccount.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      // No new PIN: the app was open, and opens again where it was.
      await page.getByRole('heading', { level: 1, name: 'Fatima Hassan' }).waitFor();
      await page.getByTestId('unsynced-count').filter({ hasText: '0 changes not yet synced' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('signing out ends the session on the server, not only on the device', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    try {
      const cookie = (await context.cookies()).find((c) => c.httpOnly);
      expect(cookie, 'an HttpOnly session cookie').toBeDefined();
      expect(cookie).toMatchObject({ secure: true, sameSite: 'Strict' });
      const asBefore = () => fetch(`${env.server.url}/api/auth/session`, { headers: { cookie: `${cookie!.name}=${cookie!.value}` } });
      expect((await asBefore()).status).toBe(200);

      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.getByText('You have signed out.', { exact: false }).waitFor();
      await expect.poll(async () => (await asBefore()).status).toBe(401);
    } finally {
      await context.close();
    }
  });

  it('reports a client opened offline to the audit log at the next sync, with who and which device', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    try {
      await context.setOffline(true);
      // Saving opens the new client's page: that showing is the view to log.
      await createClient(page, { firstNames: 'Nour', lastName: 'Saleh', dateOfBirth: '2001-06-15', motherTongue: 'Arabic' });
      const clientId = new URL(page.url()).pathname.split('/')[2] ?? '';
      await context.setOffline(false);
      await syncNow(page);

      const admin = await signInOverHttp(env.server.url, { ...testAdmin, deviceId: randomBytes(8).toString('hex') });
      const res = await admin.fetch(`${env.server.url}/api/admin/audit?clientId=${clientId}&action=view`);
      expect(res.status).toBe(200);
      const { entries } = auditPage.parse(await res.json());
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ recordType: 'client', recordId: clientId, deviceId: await deviceIdOf(page) });
    } finally {
      await context.close();
    }
  });

  it('on a shared tablet, a colleague gets a clean device, and not while the first person has unsynced work', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    try {
      await context.setOffline(true);
      await createClient(page, { firstNames: 'Sara', lastName: 'Tesfaye', dateOfBirth: '1992-02-02', motherTongue: 'Tigrinya', municipality: 'Siuntio (Sjundeå)' });
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await context.setOffline(false);

      await page.getByLabel('Username', { exact: true }).fill(testColleague.username);
      await page.getByLabel('Password', { exact: true }).fill(testColleague.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'changes by another user' }).waitFor();

      // The owner comes back, syncs, and leaves; now the colleague may take the tablet.
      await signIn(page);
      await page.getByRole('heading', { level: 1, name: 'Sara Tesfaye' }).waitFor();
      await syncNow(page);
      const ownersDevice = await deviceIdOf(page);
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await signIn(page, 'en', testColleague);
      await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
      // A new device registration, and nothing of the Sjundeå client the colleague does not serve.
      expect(await deviceIdOf(page)).not.toBe(ownersDevice);
      await page.getByRole('searchbox', { name: 'Search by name' }).fill('Tesfaye');
      await page.getByText('0 clients', { exact: true }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('wipes a revoked device at its next contact and says why', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    try {
      await createClient(page, { firstNames: 'Olga', lastName: 'Ivanova', dateOfBirth: '1970-01-20', motherTongue: 'Russian' });
      await syncNow(page);
      expect(await countStored(page, 'clients')).toBeGreaterThan(0);
      const deviceId = await deviceIdOf(page);

      const admin = await signInOverHttp(env.server.url, { ...testAdmin, deviceId: randomBytes(8).toString('hex') });
      const revoked = await admin.fetch(`${env.server.url}/api/admin/devices/${deviceId}/revoke`, { method: 'POST' });
      expect(revoked.status).toBe(200);

      // The next contact: the app syncs when the network comes back (a scheduled sync may beat it to it, which
      // ends the same way).
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.getByText('An administrator has removed this device.', { exact: false }).waitFor();
      expect(await countStored(page, 'clients')).toBe(0);
    } finally {
      await context.close();
    }
  });
});
