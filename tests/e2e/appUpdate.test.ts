/**
 * A server upgraded to a newer sync protocol answers the old app 426 `updateRequired`. The app then looks for its
 * new version at once (src/client/platform/appUpdate.ts) and the update prompt offers it, rather than at the hourly
 * check; reloading from the prompt runs the new version, and what the old version queued reaches the server once.
 * The server here serves its own copy of the built app, so the test can publish a "new version" by changing that
 * copy's service worker.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditPage } from '#shared/schema/audit.ts';
import { PROTOCOL_VERSION, pullResponse } from '#shared/schema/sync.ts';
import { signInOverHttp } from '../support/signIn.ts';
import { serverAndBrowserPerFile, testAdmin } from './environment.ts';
import { addNote, createClient, openApp, testAccount, uiText, unlock } from './appDriver.ts';

const staticDir = join(mkdtempSync(join(tmpdir(), 'silta-e2e-app-')), 'client');
cpSync('dist/client', staticDir, { recursive: true });
const env = serverAndBrowserPerFile({ staticDir });
afterAll(() => rmSync(dirname(staticDir), { recursive: true, force: true }));

let versions = 0;
/** A new version of the app appears on the server: its service worker's bytes change. */
function publishNewVersion(): void {
  versions += 1;
  appendFileSync(join(staticDir, 'sw.js'), `\n// version ${versions} after the build\n`);
}

describe('an app too old for the server', () => {
  it('says so, offers the new version at once, and runs it after the reload', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    const waitingVersion = () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null);

    // The server is upgraded: a new version of the app is published, and pulls from the old one are refused.
    publishNewVersion();
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

describe('an app update with changes still queued (QUALITY.md, the reliability battery)', () => {
  it('keeps the changes made before the update and delivers them once, from the new version', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    try {
      // The server was upgraded before this tablet synced its morning's work: it refuses the old app both ways.
      await context.route('**/api/sync/{push,pull}**', (route) => route.fulfill({ status: 426, json: { code: 'updateRequired' } }));
      await createClient(page, { firstNames: 'Ilona', lastName: 'Queued', dateOfBirth: '1990-05-06', motherTongue: 'Estonian' });
      await addNote(page, 'Written before the update.');
      await page.getByTestId('unsynced-count').filter({ hasText: '2 changes not yet synced' }).waitFor();

      publishNewVersion();
      await page.getByRole('button', { name: uiText('en', 'common:sync.now'), exact: true }).click();
      const prompt = page.getByRole('alert').filter({ hasText: uiText('en', 'common:update.available') });
      await prompt.waitFor({ timeout: 20_000 });
      // Refused, and still on the device.
      await page.locator('.sync-error').filter({ hasText: uiText('en', 'errors:updateRequired') }).waitFor();
      await page.getByTestId('unsynced-count').filter({ hasText: '2 changes not yet synced' }).waitFor();
      await context.unrouteAll({ behavior: 'wait' });
      await prompt.getByRole('button', { name: uiText('en', 'common:update.reload'), exact: true }).click();
      await unlock(page);
      // The new version syncs on start, and what the old one queued is what it sends.
      await page.getByTestId('unsynced-count').filter({ hasText: '0 changes not yet synced' }).waitFor({ timeout: 30_000 });
      await page.locator('.sync-error').waitFor({ state: 'detached' });

      const colleague = await signInOverHttp(env.server.url, { username: testAccount.username, password: testAccount.password, deviceId: randomBytes(8).toString('hex') });
      const res = await colleague.fetch(`${env.server.url}/api/sync/pull?v=${PROTOCOL_VERSION}&cursor=0&limit=1000`);
      const { records } = pullResponse.parse(await res.json());
      const clients = records.filter((r) => r.type === 'client' && r.data['lastName'] === 'Queued');
      expect(clients).toHaveLength(1);
      const notes = records.filter((r) => r.type === 'note' && r.data['text'] === 'Written before the update.');
      expect(notes).toHaveLength(1);
      const clientId = clients[0]?.id ?? '';
      expect(notes[0]?.data['clientId']).toBe(clientId);
      // Applied once each: one `change` row in the audit log per record, written in the push that applied it.
      const admin = await signInOverHttp(env.server.url, { ...testAdmin, deviceId: randomBytes(8).toString('hex') });
      const audit = await admin.fetch(`${env.server.url}/api/admin/audit?clientId=${clientId}&action=change`);
      const { entries } = auditPage.parse(await audit.json());
      expect(entries.map((e) => e.recordId).sort()).toEqual([clientId, notes[0]?.id].sort());
    } finally {
      await context.close();
    }
  });
});
