import { describe, expect, it } from 'vitest';
import type { ChangeEntry } from '#shared/schema/sync.ts';
import { serverAndBrowserPerFile } from './environment.ts';
import { createClient, openApp, openAtNewerVersion, unlock } from './appDriver.ts';
import { violationsOn } from './axe.ts';

const env = serverAndBrowserPerFile();

describe('two tabs of the app on one device', () => {
  it('never push the same change twice, even when both sync at once', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    await context.setOffline(true);
    await createClient(page, { firstNames: 'Olena', lastName: 'Kovalenko', dateOfBirth: '1985-09-21', motherTongue: 'Ukrainian' });
    const second = await context.newPage();
    // Each tab unlocks on its own: the data key lives only in the memory of the page that unlocked it.
    await second.goto(env.server.url);
    await unlock(second);

    const pushed: string[] = [];
    context.on('request', (request) => {
      if (!request.url().endsWith('/api/sync/push')) return;
      const body = request.postDataJSON() as { entries: ChangeEntry[] };
      pushed.push(...body.entries.map((e) => e.id));
    });
    await context.setOffline(false);
    const syncButton = (p: typeof page) => p.getByRole('button', { name: 'Sync now' });
    await Promise.all([syncButton(page).click(), syncButton(second).click()]);
    for (const p of [page, second]) {
      await p.getByTestId('unsynced-count').filter({ hasText: '0 changes not yet synced' }).waitFor();
    }
    expect(pushed.length).toBeGreaterThan(0);
    expect(new Set(pushed).size).toBe(pushed.length);
    await context.close();
  });

  it('stops a tab whose database a newer version upgrades in another tab, keeping what it was typing', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    const newer = await context.newPage();
    await newer.goto(`${env.server.url}/accessibility`);
    await newer.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New client' }).click();
    await page.getByLabel('Last name').fill('Haddad');
    // Well within the draft's wait for typing to stop: the save is made before this tab lets go of the database.
    const upgradedTo = await openAtNewerVersion(newer);

    // The upgrade went through: no tab kept it waiting.
    expect(upgradedTo).toBeGreaterThan(0);
    await page.getByRole('heading', { level: 1, name: 'Silta was updated in another tab' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await violationsOn(page)).toBe('');
    // The page that stood in for the newer version runs this version of the app too, so it stops as well.
    await newer.getByRole('heading', { level: 1, name: 'Silta was updated in another tab' }).waitFor();

    await page.getByRole('button', { name: 'Reload this tab' }).click();
    // The reload opens the same address: the new-client form, with what was typed.
    await unlock(page);
    await expect.poll(() => page.getByLabel('Last name').inputValue()).toBe('Haddad');
    await context.close();
  });
});
