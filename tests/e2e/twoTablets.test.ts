import { describe, expect, it } from 'vitest';
import { serverAndBrowserPerFile } from './environment.ts';
import { addNote, createClient, editField, openApp, openClient, syncNow } from './appDriver.ts';

const env = serverAndBrowserPerFile();

describe('two tablets editing offline', () => {
  it('converge after reconnecting: same data, both notes, and the conflicting field marked', async () => {
    const a = await openApp(env.browser, env.server.url);
    await createClient(a.page, { firstNames: 'Aino', lastName: 'Korhonen', dateOfBirth: '1979-02-03', motherTongue: 'Estonian' });
    await syncNow(a.page);

    const b = await openApp(env.browser, env.server.url);
    await syncNow(b.page);
    await openClient(b.page, env.server.url, 'Korhonen');
    await openClient(a.page, env.server.url, 'Korhonen');

    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await editField(a.page, 'Phone', '+358 40 111 1111');
    await addNote(a.page, 'Note written on tablet A.');
    await editField(b.page, 'Phone', '+358 50 222 2222');
    await addNote(b.page, 'Note written on tablet B.');

    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await syncNow(a.page);
    await syncNow(b.page);
    await syncNow(a.page);

    for (const tablet of [a, b]) {
      const page = tablet.page;
      await page.getByText('Note written on tablet A.').waitFor();
      await page.getByText('Note written on tablet B.').waitFor();
      await page.getByTestId('conflict-marker').waitFor();
      expect(await page.getByTestId('unsynced-count').textContent()).toBe('0 changes not yet synced');
    }
    const phoneOf = (page: typeof a.page) => page.locator('.details-row', { hasText: 'Phone' }).locator('dd').first().textContent();
    const phoneA = await phoneOf(a.page);
    expect(phoneA).toBe(await phoneOf(b.page));
    expect(phoneA).toContain('+358 50 222 2222');

    await a.context.close();
    await b.context.close();
  });
});
