/**
 * A data subject's rights in the built app on the real server (issue #5, item 7): a counsellor fetches everything
 * held about a client, saves it as JSON and prints it, then erases the client; a second tablet that was offline
 * with an unsynced note for that client syncs and is left with nothing of the client.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientExport } from '#shared/schema/clientRights.ts';
import { serverAndBrowserPerFile, testColleague } from './environment.ts';
import { addNote, chooseOption, countStored, createClient, goTo, openApp, openClient, openSignedOut, signIn, syncNow } from './appDriver.ts';

const env = serverAndBrowserPerFile();

describe("a client's data: export and erasure", () => {
  it('exports the client as a file and a printable page, then erases it from the server and from every tablet', async () => {
    const a = await openApp(env.browser, env.server.url);
    await createClient(a.page, { firstNames: 'Selma', lastName: 'Erasmaa', dateOfBirth: '1988-04-12', motherTongue: 'Somali' });
    await addNote(a.page, 'Discussed Finnish course options at the town hall.');
    await syncNow(a.page);

    const b = await openApp(env.browser, env.server.url);
    await syncNow(b.page);
    await openClient(b.page, env.server.url, 'Erasmaa');
    await b.context.setOffline(true);
    await addNote(b.page, 'Written offline before the erasure reached this tablet.');
    await b.page.getByTestId('unsynced-count').filter({ hasText: '1 change not yet synced' }).waitFor();

    // Export: fetched from the server, shown as a document, saved as a file.
    await a.page.getByRole('link', { name: "Export or erase the client's data" }).click();
    await a.page.getByRole('button', { name: 'Fetch the export' }).click();
    const document = a.page.locator('.client-export');
    await document.getByText('Discussed Finnish course options at the town hall.').waitFor();
    await document.getByText('Erasmaa').waitFor();
    const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.getByRole('link', { name: 'Save as a file (JSON)' }).click()]);
    const saved = clientExport.parse(JSON.parse(readFileSync(await download.path(), 'utf8')));
    expect(saved.records.map((r) => r.type)).toEqual(['client', 'note']);
    expect(saved.records[0]?.data).toMatchObject({ firstNames: 'Selma', lastName: 'Erasmaa' });
    expect(saved.records[1]?.data).toMatchObject({ text: 'Discussed Finnish course options at the town hall.' });

    // Printed, the page is the document alone.
    await a.page.emulateMedia({ media: 'print' });
    expect(await a.page.locator('.app-header').isVisible()).toBe(false);
    expect(await a.page.getByRole('button', { name: 'Fetch the export' }).isVisible()).toBe(false);
    expect(await document.isVisible()).toBe(true);
    await a.page.emulateMedia({ media: 'screen' });

    // Erasure, confirmed in a dialog.
    await a.page.getByRole('button', { name: "Erase the client's data…" }).click();
    const dialog = a.page.getByRole('alertdialog');
    await dialog.getByRole('heading', { name: 'Erase all data of Selma Erasmaa?' }).waitFor();
    await dialog.getByRole('button', { name: 'Erase permanently' }).click();
    await a.page.getByRole('heading', { level: 1, name: "The client's data was erased" }).waitFor();
    await a.page.getByRole('status').filter({ hasText: '2 records were erased on the server.' }).waitFor();
    await syncNow(a.page);
    await goTo(a.page, '/');
    await a.page.getByRole('searchbox', { name: 'Search by name' }).fill('Erasmaa');
    await a.page.getByText('0 clients', { exact: true }).waitFor();
    expect(await a.page.getByRole('link', { name: /Erasmaa/ }).count()).toBe(0);
    expect(await countStored(a.page, 'notes')).toBe(0);

    // The other tablet: back online, it pulls the tombstones and keeps nothing of the client, its unsent note included.
    await b.context.setOffline(false);
    await syncNow(b.page);
    await b.page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await b.page.getByTestId('unsynced-count').filter({ hasText: '0 changes not yet synced' }).waitFor();
    expect(await countStored(b.page, 'notes')).toBe(0);
    expect(await countStored(b.page, 'changes')).toBe(0);
    await goTo(b.page, '/');
    await b.page.getByRole('searchbox', { name: 'Search by name' }).fill('Erasmaa');
    expect(await b.page.getByRole('link', { name: /Erasmaa/ }).count()).toBe(0);

    await a.context.close();
    await b.context.close();
  });

  it('removes a client from a tablet whose account can no longer see it, and says so', async () => {
    const a = await openApp(env.browser, env.server.url);
    await createClient(a.page, { firstNames: 'Omar', lastName: 'Muuttaja', dateOfBirth: '1990-09-09', motherTongue: 'Arabic', municipality: 'Kirkkonummi (Kyrkslätt)' });
    await addNote(a.page, 'Met at Kirkkonummi town hall.');
    await syncNow(a.page);

    // A counsellor who serves Kyrkslätt only has the client on their tablet.
    const colleague = await openSignedOut(env.browser, env.server.url);
    await signIn(colleague.page, 'en', testColleague);
    await syncNow(colleague.page);
    await openClient(colleague.page, env.server.url, 'Muuttaja');
    await colleague.page.getByText('Met at Kirkkonummi town hall.').waitFor();

    // The client moves to Sjundeå, which the colleague does not serve.
    await a.page.getByRole('link', { name: 'Edit' }).click();
    await chooseOption(a.page, 'Home municipality', 'Siuntio (Sjundeå)');
    await a.page.getByRole('button', { name: 'Save' }).click();
    await a.page.getByRole('link', { name: 'Edit' }).waitFor();
    await syncNow(a.page);

    await syncNow(colleague.page);
    await colleague.page.getByRole('status').filter({ hasText: '1 client you no longer have access to was removed from this device' }).waitFor();
    await colleague.page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(await countStored(colleague.page, 'notes')).toBe(0);
    await colleague.page.getByRole('button', { name: 'I have read this' }).click();
    expect(await colleague.page.getByText('no longer have access').count()).toBe(0);
    await goTo(colleague.page, '/');
    await colleague.page.getByRole('searchbox', { name: 'Search by name' }).fill('Muuttaja');
    await colleague.page.getByText('0 clients', { exact: true }).waitFor();

    await a.context.close();
    await colleague.context.close();
  });
});
