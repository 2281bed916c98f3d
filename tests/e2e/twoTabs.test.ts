import { describe, expect, it } from 'vitest';
import type { ChangeEntry } from '#shared/schema/sync.ts';
import { serverAndBrowserPerFile } from './environment.ts';
import { createClient, openApp, unlock } from './appDriver.ts';

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
});
