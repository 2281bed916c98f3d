/**
 * The administration screens, in Chromium against the real server: an admin makes an account (by keyboard alone),
 * revokes a device, disables the account so its sign-in is refused and enables it again, and filters and exports
 * the audit log.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { helsinkiDate } from '#shared/domain/dates.ts';
import { auditCsvColumns } from '#shared/schema/audit.ts';
import { serverAndBrowserPerFile, testAdmin } from './environment.ts';
import { chooseOption, createClient, focusedName, goTo, openSignedOut, signIn, syncNow, type AppTab } from './appDriver.ts';

const env = serverAndBrowserPerFile();

const admin = { ...testAdmin, pin: '615243' } as const;
const newcomer = { username: 'e2e.newcomer', displayName: 'Noora Uusitalo', password: 'newcomer password 2026', pin: '375912' } as const;

/** Presses Tab until the focused element's name matches; fails with the names passed on the way. */
async function tabTo(page: Page, name: RegExp, max = 40): Promise<void> {
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const current = await focusedName(page);
    if (name.test(current)) return;
    passed.push(current);
  }
  throw new Error(`never reached ${String(name)} by Tab; passed: ${passed.join(' | ')}`);
}

function row(page: Page, text: string) {
  return page.getByRole('row').filter({ hasText: text });
}

/** Presses a row's button and confirms in the dialog it opens. */
async function confirmInRow(page: Page, rowText: string, button: string): Promise<void> {
  await row(page, rowText).getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('administration, in Chromium', () => {
  let tab: AppTab;
  beforeAll(async () => {
    tab = await openSignedOut(env.browser, env.server.url);
    await signIn(tab.page, 'en', admin);
  });
  afterAll(async () => {
    await tab.context.close();
  });

  it('opens on the accounts, with administration and no client list in the navigation', async () => {
    const { page } = tab;
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    const main = page.getByRole('navigation', { name: 'Main' });
    expect(await main.getByRole('link', { name: 'Administration' }).count()).toBe(1);
    expect(await main.getByRole('link', { name: 'Clients' }).count()).toBe(0);
    await row(page, 'e2e.counsellor').waitFor();
    expect(await row(page, 'e2e.admin').getByText('Your account').count()).toBe(1);
    expect(await row(page, 'e2e.admin').getByRole('button').count()).toBe(0);
  });

  it('creates an account by keyboard alone, saying what is wrong first', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'New account' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New account' }).waitFor();

    await tabTo(page, /^Username/);
    await page.keyboard.type(newcomer.username);
    await tabTo(page, /^Name/);
    await page.keyboard.type(newcomer.displayName);
    await tabTo(page, /Role$/);
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    expect(await focusedName(page)).toBe('Counsellor Role');
    await tabTo(page, /^First password/);
    await page.keyboard.type('too short');
    await page.keyboard.press('Enter');

    // Two things are wrong: no municipality, and the password. Focus goes to the first of them.
    await page.getByText('Fill in this field.').waitFor();
    await page.getByText('The password must be at least 12 characters long.').waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('[role=group]') !== null);
    expect(await focusedName(page)).toBe('Kirkkonummi (Kyrkslätt)');
    await page.keyboard.press('Space');
    await tabTo(page, /^First password/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(newcomer.password);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    await page.getByRole('status').filter({ hasText: `Account ${newcomer.username} created.` }).waitFor();
    const created = row(page, newcomer.username);
    await created.getByText('Counsellor').waitFor();
    expect(await created.getByRole('cell', { name: 'Kirkkonummi (Kyrkslätt)' }).count()).toBe(1);
    expect(await created.getByRole('cell', { name: 'Active' }).count()).toBe(1);
  });

  it('refuses a username that is taken, in the form', async () => {
    const { page } = tab;
    await goTo(page, '/admin/accounts/new');
    await page.getByLabel('Username', { exact: true }).fill(newcomer.username);
    await page.getByLabel('Name', { exact: true }).fill('Someone Else');
    await chooseOption(page, 'Role', 'Partner (LUVN)');
    await page.getByLabel('First password', { exact: true }).fill('another long password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('This username is already taken.').waitFor();
    await page.getByRole('link', { name: 'Accounts' }).click();
  });

  it('revokes a device, and a disabled account cannot sign in until it is enabled again', async () => {
    const { page } = tab;
    const tablet = await openSignedOut(env.browser, env.server.url);
    try {
      await signIn(tablet.page, 'en', newcomer);
      // A change for the audit test below.
      await createClient(tablet.page, { firstNames: 'Leila', lastName: 'Haddad', dateOfBirth: '1988-07-21', motherTongue: 'Arabic' });
      await syncNow(tablet.page);

      await page.getByRole('link', { name: 'Devices' }).click();
      await page.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
      await confirmInRow(page, newcomer.username, 'Revoke');
      await row(page, newcomer.username).getByText(/^Revoked /).waitFor();
      expect(await row(page, newcomer.username).getByRole('button', { name: 'Revoke' }).count()).toBe(0);
      // The tablet learns it at its next contact, and deletes its data.
      await tablet.page.getByRole('button', { name: 'Sync now' }).click();
      await tablet.page.getByText('An administrator has removed this device.', { exact: false }).waitFor();
    } finally {
      await tablet.context.close();
    }

    await page.getByRole('link', { name: 'Accounts' }).click();
    await confirmInRow(page, newcomer.username, 'Disable');
    await row(page, newcomer.username).getByRole('cell', { name: 'Disabled' }).waitFor();

    const another = await openSignedOut(env.browser, env.server.url);
    try {
      await another.page.getByLabel('Username', { exact: true }).fill(newcomer.username);
      await another.page.getByLabel('Password', { exact: true }).fill(newcomer.password);
      await another.page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await another.page.getByRole('alert').filter({ hasText: 'This account has been disabled.' }).waitFor();

      await confirmInRow(page, newcomer.username, 'Enable');
      await row(page, newcomer.username).getByRole('cell', { name: 'Active' }).waitFor();
      await signIn(another.page, 'en', newcomer);
    } finally {
      await another.context.close();
    }
  });

  it('filters the audit log and exports what the filter finds as CSV', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.locator('.admin-table').waitFor();

    await chooseOption(page, 'Account', newcomer.username);
    await chooseOption(page, 'Action', 'Changed');
    const today = helsinkiDate(new Date());
    await page.getByLabel('From (date)', { exact: true }).fill(today);
    await page.getByLabel('Until (date, inclusive)', { exact: true }).fill(today);
    await page.getByRole('button', { name: 'Show entries' }).click();
    // What the newcomer's tablet pushed when it made a client, and nothing else.
    await page.getByText(/entr(y|ies) on this page/).waitFor();
    const entries = page.locator('.admin-table tbody tr');
    const shown = await entries.count();
    expect(shown).toBeGreaterThan(0);
    expect(await entries.getByRole('cell', { name: newcomer.username, exact: true }).count()).toBe(shown);
    expect(await entries.getByRole('cell', { name: 'Changed', exact: true }).count()).toBe(shown);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.split('\r\n').filter((line) => line !== '');
    expect(lines[0]).toBe(auditCsvColumns.join(','));
    expect(lines).toHaveLength(shown + 1);
    for (const line of lines.slice(1)) expect(line.split(',')[auditCsvColumns.indexOf('action')]).toBe('change');
    expect(lines.slice(1).some((line) => line.split(',')[auditCsvColumns.indexOf('recordType')] === 'client')).toBe(true);

    // A day before anything happened finds nothing.
    await page.getByLabel('Until (date, inclusive)', { exact: true }).fill('2020-01-01');
    await page.getByLabel('From (date)', { exact: true }).fill('2020-01-01');
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.getByText('No entries match the filter.').waitFor();
  });

  it('says the administration needs a network instead of failing silently', async () => {
    const { context, page } = tab;
    await context.setOffline(true);
    try {
      await page.getByRole('link', { name: 'Devices' }).click();
      await page.getByText('Administration needs a network connection.', { exact: false }).waitFor();
      expect(await page.locator('.admin-table').count()).toBe(0);
    } finally {
      await context.setOffline(false);
    }
    // Back online, the list loads by itself.
    await page.locator('.admin-table').waitFor();
  });
});
