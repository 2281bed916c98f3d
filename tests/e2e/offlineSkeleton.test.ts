import { describe, expect, it } from 'vitest';
import { serverAndBrowserPerFile } from './environment.ts';
import { addNote, createClient, goTo, loadAndUnlock, openApp, reloadAndUnlock } from './appDriver.ts';

const env = serverAndBrowserPerFile();

describe('the app offline, in Chromium', () => {
  it('answers /api/health with its version and database status', async () => {
    const res = await fetch(`${env.server.url}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: string; database: { ok: boolean } };
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.database.ok).toBe(true);
  });

  it('is controlled by the service worker and still renders after an offline reload', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    await context.setOffline(true);
    await reloadAndUnlock(page);
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    expect(await page.getByTestId('connection-state').textContent()).toBe('Offline');
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${env.server.url}/sw.js`);
    await context.close();
  });

  it('keeps a client and a guidance note made offline across an offline reload, and finds them without diacritics', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    await context.setOffline(true);
    await createClient(page, { firstNames: 'Thị Hoa', lastName: 'Nguyễn', dateOfBirth: '1988-05-17', motherTongue: 'Vietnamese', municipality: 'Siuntio (Sjundeå)' });
    await addNote(page, 'Discussed Finnish courses at the adult education centre.', 'Finnish or Swedish studies');
    await page.getByTestId('unsynced-count').filter({ hasText: '2 changes not yet synced' }).waitFor();

    await loadAndUnlock(page, `${env.server.url}/`);
    await page.getByRole('searchbox', { name: 'Search by name' }).fill('nguyen');
    await page.getByText('1 client', { exact: true }).waitFor();
    await page.getByRole('link', { name: /Nguyễn, Thị Hoa/ }).click();
    await page.getByText('Discussed Finnish courses at the adult education centre.').waitFor();
    expect(await page.getByRole('list', { name: 'Topics' }).getByRole('listitem').allTextContents()).toEqual(['Finnish or Swedish studies']);

    await context.close();
  });

  it('goes back to the client list as it was left, its search kept, showing what changed meanwhile', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    await context.setOffline(true);
    await createClient(page, { firstNames: 'Amal', lastName: 'Haddad', dateOfBirth: '1990-02-03', motherTongue: 'Arabic' });
    await page.getByRole('link', { name: 'Clients', exact: true }).click();
    const search = page.getByRole('searchbox', { name: 'Search by name' });
    await search.fill('haddad');
    await page.getByText('1 client', { exact: true }).waitFor();
    await page.getByRole('link', { name: /Haddad, Amal/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Amal Haddad' }).waitFor();
    // The list is not in view (nor in the accessibility tree) while the client's page is open.
    expect(await page.getByRole('searchbox', { name: 'Search by name' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('First names', { exact: true }).fill('Amal Noor');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Amal Noor Haddad' }).waitFor();

    await page.getByRole('link', { name: 'Clients', exact: true }).click();
    await page.getByRole('link', { name: /Haddad, Amal Noor/ }).waitFor();
    expect(await search.inputValue()).toBe('haddad');
    expect(await page.getByText('1 client', { exact: true }).isVisible()).toBe(true);
    await context.close();
  });

  it('narrows the client list by name and by home municipality together, and keeps one when the other changes', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    await context.setOffline(true);
    await createClient(page, { firstNames: 'Leena', lastName: 'Suodatin', dateOfBirth: '1979-04-12', motherTongue: 'Finnish' });
    await goTo(page, '/');
    await createClient(page, { firstNames: 'Lauri', lastName: 'Suodatin', dateOfBirth: '1981-09-30', motherTongue: 'Finnish', municipality: 'Siuntio (Sjundeå)' });
    await page.getByRole('link', { name: 'Clients', exact: true }).click();
    const search = page.getByRole('searchbox', { name: 'Search by name' });
    const names = () => page.locator('.client-card .client-name').allTextContents();

    await search.fill('suodatin');
    await page.getByText('2 clients', { exact: true }).waitFor();
    // The list's filters are the browser's own selects.
    const municipality = page.getByLabel('Home municipality', { exact: true });
    await municipality.selectOption({ label: 'Siuntio (Sjundeå)' });
    await page.getByText('1 client', { exact: true }).waitFor();
    expect(await names()).toEqual(['Suodatin, Lauri']);
    expect(await search.inputValue()).toBe('suodatin');

    // Typing on keeps the municipality chosen; clearing the name shows the municipality's whole list again.
    await search.fill('suodatin le');
    await page.getByText('0 clients', { exact: true }).waitFor();
    await search.fill('suodatin la');
    await page.getByText('1 client', { exact: true }).waitFor();
    expect(await names()).toEqual(['Suodatin, Lauri']);
    await municipality.selectOption({ label: 'All' });
    await search.fill('suodatin');
    await page.getByText('2 clients', { exact: true }).waitFor();
    expect(await names()).toEqual(['Suodatin, Lauri', 'Suodatin, Leena']);
    await context.close();
  });

  it('keeps what was typed in an unsaved form across a reload, as the update prompt promises', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    await page.getByRole('link', { name: 'New client' }).click();
    await page.getByLabel('First names').fill('Zahra');
    await page.getByLabel('Last name').fill('Ahmadi');
    // Drafts are saved a moment after typing stops.
    await page.waitForTimeout(600);
    await reloadAndUnlock(page);
    await page.getByLabel('Last name').waitFor();
    expect(await page.getByLabel('First names').inputValue()).toBe('Zahra');
    expect(await page.getByLabel('Last name').inputValue()).toBe('Ahmadi');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('link', { name: 'New client' }).click();
    expect(await page.getByLabel('Last name').inputValue()).toBe('');
    await context.close();
  });

  it('keeps the last keystrokes of a form left at once by a link', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    await page.getByRole('link', { name: 'New client' }).click();
    await page.getByLabel('Last name').fill('Karimi');
    // Well within the draft's wait for typing to stop: the save is made as the form goes.
    await page.getByRole('link', { name: 'Clients', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await page.getByRole('link', { name: 'New client' }).click();
    await expect.poll(() => page.getByLabel('Last name').inputValue()).toBe('Karimi');
    await context.close();
  });

  it('mirrors the layout in Arabic and remembers the choice offline', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'العربية' });
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ar');
    await context.setOffline(true);
    await reloadAndUnlock(page, 'ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    const headerStart = await page.locator('.app-name').boundingBox();
    expect(headerStart!.x).toBeGreaterThan(500);
    await context.close();
  });
});
