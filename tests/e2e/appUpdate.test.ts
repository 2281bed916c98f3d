/**
 * A server upgraded to a newer sync protocol answers the old app 426 `updateRequired`. The app then looks for its
 * new version at once (src/client/platform/appUpdate.ts) and the update prompt offers it, rather than at the hourly
 * check; reloading from the prompt runs the new version. The server here serves its own copy of the built app, so
 * the test can publish a "new version" by changing that copy's service worker.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverAndBrowserPerFile } from './environment.ts';
import { openApp, uiText } from './appDriver.ts';

const staticDir = join(mkdtempSync(join(tmpdir(), 'silta-e2e-app-')), 'client');
cpSync('dist/client', staticDir, { recursive: true });
const env = serverAndBrowserPerFile({ staticDir });
afterAll(() => rmSync(dirname(staticDir), { recursive: true, force: true }));

describe('an app too old for the server', () => {
  it('says so, offers the new version at once, and runs it after the reload', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    const waitingVersion = () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null);

    // The server is upgraded: a new version of the app is published, and pulls from the old one are refused.
    appendFileSync(join(staticDir, 'sw.js'), '\n// the next version\n');
    await context.route('**/api/sync/pull**', (route) => route.fulfill({ status: 426, json: { code: 'updateRequired' } }));
    await page.getByRole('button', { name: uiText('en', 'common:sync.now'), exact: true }).click();
    await page.locator('.sync-error').filter({ hasText: uiText('en', 'errors:updateRequired') }).waitFor();
    // Without the app asking, the browser would not look for the new version before the next load or hour.
    const prompt = page.getByRole('alert').filter({ hasText: uiText('en', 'common:update.available') });
    await prompt.waitFor({ timeout: 20_000 });
    expect(await waitingVersion()).toBe(true);

    await context.unrouteAll({ behavior: 'wait' });
    await prompt.getByRole('button', { name: uiText('en', 'common:update.reload'), exact: true }).click();
    await page.getByRole('button', { name: uiText('en', 'session:unlock.submit'), exact: true }).waitFor();
    // The waiting version took over: nothing waits any more, and it controls the reloaded page.
    expect(await waitingVersion()).toBe(false);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await context.close();
  });
});
