/**
 * A tab closed in the middle of a first sync (QUALITY.md's reliability battery), in Chromium against the real server:
 * the counsellor signs in on a new tablet, the first sync of ten thousand notes starts, and the tab is closed while
 * pages are still arriving: IndexedDB aborts whatever write was under way. Opening the app again and unlocking it
 * finishes the sync: every record the server holds is on the device, and the sync says when it last succeeded.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pushResponse } from '#shared/schema/sync.ts';
import { signInOverHttp } from '../support/signIn.ts';
import { clientData, noteData, TestDevice } from '../fixtures/serverEntries.ts';
import { serverAndBrowserPerFile } from './environment.ts';
import { countStored, openApp, testAccount, unlock } from './appDriver.ts';

const env = serverAndBrowserPerFile();

const CLIENTS = 20;
const NOTES = 10_000;
const BATCH = 100;

/** Another tablet's work, pushed to the server as the app would: CLIENTS clients and NOTES notes among them. */
async function seedServer(): Promise<void> {
  const device = new TestDevice(randomBytes(8).toString('hex'));
  const session = await signInOverHttp(env.server.url, { username: testAccount.username, password: testAccount.password, deviceId: device.deviceId });
  const clients = Array.from({ length: CLIENTS }, (_, i) => device.insert('client', clientData({ lastName: `Tamm${i}` })));
  const notes = Array.from({ length: NOTES }, (_, i) => device.insert('note', noteData(clients[i % CLIENTS]?.recordId ?? '')));
  const entries = [...clients, ...notes];
  for (let at = 0; at < entries.length; at += BATCH) {
    const res = await session.fetch(`${env.server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(device.push(entries.slice(at, at + BATCH))),
    });
    const { results } = pushResponse.parse(await res.json());
    if (results.some((r) => r.status !== 'applied')) throw new Error(`seeding push at ${at} was not applied`);
  }
}

describe('a tab closed in the middle of a first sync', () => {
  it('finishes the sync when the app is opened again, every record on the device', async () => {
    await seedServer();
    const { context, page } = await openApp(env.browser, env.server.url);
    try {
      // Closed once some pages are stored and before the last: a page of a first sync holds at most 1,000 records.
      await expect.poll(() => countStored(page, 'notes'), { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
      const before = await countStored(page, 'notes');
      expect(before).toBeLessThan(NOTES);
      await page.close();

      const again = await context.newPage();
      await again.goto(env.server.url);
      await unlock(again);
      await expect.poll(() => countStored(again, 'notes'), { timeout: 120_000 }).toBe(NOTES);
      expect(await countStored(again, 'clients')).toBe(CLIENTS);
      await again.getByText('Last synced', { exact: false }).waitFor();
      expect(await again.locator('.sync-error').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
