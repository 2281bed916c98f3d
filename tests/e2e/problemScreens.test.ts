/**
 * What a person sees when something fails, in Chromium, rather than a blank page.
 *
 * A browser that refuses the app its storage: a Chromium profile whose own setting blocks cookies and site data,
 * as a person or a device's administrator may set it. Silta opens IndexedDB before it shows anything, and it used to
 * show a blank page here. Now it says what is wrong and what to do, in the person's language, with a way to try
 * again and the error for IT support; the screen passes the same accessibility and reflow checks as every other.
 *
 * A screen whose code does not load (the network fails before the service worker holds it, here a profile without
 * one and the request failed): it used to take the whole app down to a blank page; now that screen says so in its
 * place, the header stays, and another address works.
 *
 * A tab whose device data is deleted meanwhile (in another tab, or in the browser's settings): it says so and starts
 * again from signing in, instead of opening an empty database under the old screen.
 *
 * A tab that must upgrade the device's database while an old tab holds it open and does not answer: it used to stay
 * blank for as long as that tab was open; now it says what to do, and starts by itself once the old tab lets go.
 *
 * A save that the device's storage refuses (the disk full): the form used to stay disabled with no word, and the
 * conflict dialog open with no word; now each says why, keeps what was typed or chosen, and saves it when tried again
 * once there is space. A draft the storage refuses while a person types used to fail unseen; now the form says that
 * what is typed would be lost if the page closed, until a draft is kept again. A sync on a full device said the
 * server had a problem; now it says the device is full. A draft that cannot be read (its seal broken) used to keep
 * its form on "Loading" for good; now the form opens without it and says so. A sync while the server's database is
 * locked by another process says the server is busy and the changes are safe, instead of "the server had a problem".
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '#server/store/sqlite.ts';
import { launchPersistentChromium } from '../support/chromium.ts';
import { serverAndBrowserPerFile } from './environment.ts';
import { violationsOn } from './axe.ts';
import { chooseOption, countStored, createClient, gateLanguages, openApp, reloadAndUnlock, seedGateRecords, signIn, syncNow, uiText, waitForSeededRecords } from './appDriver.ts';

const env = serverAndBrowserPerFile();

/** A profile with Chromium's content setting "Don't allow sites to save data" (cookies: block) as its default. */
async function profileBlockingSiteData(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'silta-blocked-'));
  await mkdir(join(dir, 'Default'));
  await writeFile(join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }));
  return dir;
}

function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const scroller = document.scrollingElement ?? document.documentElement;
    return scroller.scrollWidth > scroller.clientWidth + 1;
  });
}

describe('a browser that blocks site data', () => {
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    dir = await profileBlockingSiteData();
    context = await launchPersistentChromium(dir, { locale: 'en-GB', viewport: { width: 320, height: 640 } });
    page = context.pages()[0] ?? (await context.newPage());
  });
  afterAll(async () => {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('says that the browser keeps Silta from storing data, and what to do', async () => {
    await page.goto(`${env.server.url}/`);
    await page.getByRole('heading', { level: 1, name: uiText('en', 'common:startup.title') }).waitFor();
    // Blocked indeed, by the browser: not a pretend failure.
    await expect(page.evaluate(() => localStorage.length)).rejects.toThrow(/SecurityError|Access is denied/);
    await page.getByText(uiText('en', 'common:startup.storageBlocked')).waitFor();
    await page.getByText(uiText('en', 'common:startup.detail')).click();
    expect(await page.locator('.stopped-screen code').textContent()).toMatch(/Error/);
    expect(await violationsOn(page)).toBe('');
    expect(await scrollsSideways(page)).toBe(false);
  });

  it('tries again on "Try again", and says it again while the browser still refuses', async () => {
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: uiText('en', 'common:startup.retry') }).click()]);
    await page.getByRole('heading', { level: 1, name: uiText('en', 'common:startup.title') }).waitFor();
  });

  it('speaks the language chosen on it, right to left in Arabic', async () => {
    await page.getByLabel(uiText('en', 'common:language.label'), { exact: true }).selectOption({ label: 'العربية' });
    await page.getByRole('heading', { level: 1, name: uiText('ar', 'common:startup.title') }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByText(uiText('ar', 'common:startup.storageBlocked')).waitFor();
    expect(await violationsOn(page)).toBe('');
    expect(await scrollsSideways(page)).toBe(false);
  });
});

describe('a screen whose code does not load', () => {
  it('says so in its place, keeps the header, and lets the person go on elsewhere', async () => {
    const context = await env.browser.newContext({ locale: 'en-GB', viewport: { width: 1024, height: 768 }, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.goto(`${env.server.url}/`);
      await signIn(page);
      await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
      await context.route('**/assets/ClientEditScreens-*.js', (route) => route.abort('internetdisconnected'));
      await page.getByRole('link', { name: 'New client' }).click();
      await page.getByRole('heading', { level: 1, name: uiText('en', 'common:screenProblem.title') }).waitFor();
      await page.getByText(uiText('en', 'common:screenProblem.codeNotLoaded')).waitFor();
      await page.getByText(uiText('en', 'common:startup.detail')).click();
      expect(await page.locator('.screen-problem code').textContent()).toMatch(/dynamically imported module/);
      expect(await violationsOn(page)).toBe('');
      // The header and its navigation stayed, and the client list works.
      await page.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
      await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('a tab whose device data is deleted in another tab', () => {
  it('says so in the language chosen, and starts again from signing in', async () => {
    const context = await env.browser.newContext({ locale: 'en-GB', viewport: { width: 320, height: 640 } });
    try {
      const page = await context.newPage();
      await page.goto(`${env.server.url}/`);
      await page.getByLabel(uiText('en', 'common:language.label'), { exact: true }).selectOption({ label: 'العربية' });
      await page.getByRole('heading', { level: 1, name: uiText('ar', 'session:signIn.title') }).waitFor();
      const other = await context.newPage();
      await other.goto(`${env.server.url}/accessibility`);
      await other.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const request = indexedDB.deleteDatabase('silta');
            request.onsuccess = () => resolve();
            request.onerror = () => reject(request.error ?? new Error('not deleted'));
          }),
      );
      await page.getByRole('heading', { level: 1, name: uiText('ar', 'common:replaced.deletedTitle') }).waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      expect(await violationsOn(page)).toBe('');
      expect(await scrollsSideways(page)).toBe(false);
      await page.getByRole('button', { name: uiText('ar', 'common:replaced.reload') }).click();
      await page.getByRole('heading', { level: 1, name: uiText('ar', 'session:signIn.title') }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('says so when the browser clears the site data while the app is open, rather than going on with none', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    try {
      await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
      const cdp = await context.newCDPSession(page);
      // What "Delete data" in the browser's site settings does to an open page.
      await cdp.send('Storage.clearDataForOrigin', { origin: env.server.url, storageTypes: 'indexeddb' });
      await page.getByRole('heading', { level: 1, name: uiText('en', 'common:replaced.deletedTitle') }).waitFor();
      expect(await page.getByRole('navigation').count()).toBe(0);
      await page.getByRole('button', { name: uiText('en', 'common:replaced.reload') }).click();
      await page.getByRole('heading', { level: 1, name: uiText('en', 'session:signIn.title') }).waitFor();
    } finally {
      await context.close();
    }
  });
});

/**
 * Opens the device's database as the first version of Silta created it and keeps it open without ever answering a
 * request to let go, as a tab whose script does not run would. `page` must not run the app (it would open the
 * database itself): any other page of the origin.
 */
async function holdFirstVersionOpen(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        // Dexie stores schema version n as IndexedDB version 10n.
        const request = indexedDB.open('silta', 10);
        request.onupgradeneeded = () => {
          const db = request.result;
          db.createObjectStore('clients', { keyPath: 'id' });
          db.createObjectStore('notes', { keyPath: 'id' }).createIndex('clientId', 'clientId');
          db.createObjectStore('conflicts', { keyPath: 'id' }).createIndex('clientId', 'clientId');
          db.createObjectStore('changes', { keyPath: 'seq', autoIncrement: true }).createIndex('id', 'id', { unique: true });
          db.createObjectStore('meta', { keyPath: 'key' });
        };
        request.onsuccess = () => {
          Object.assign(window, { heldDatabase: request.result });
          resolve();
        };
        request.onerror = () => reject(request.error ?? new Error('not opened'));
      }),
  );
}

describe('a tab kept waiting by an old tab that holds the device data', () => {
  it('says what to do in the language chosen, and starts by itself once the old tab lets go', async () => {
    const context = await env.browser.newContext({ locale: 'en-GB', viewport: { width: 320, height: 640 } });
    try {
      const old = await context.newPage();
      await old.goto(`${env.server.url}/api/health`);
      await holdFirstVersionOpen(old);
      const page = await context.newPage();
      await page.goto(`${env.server.url}/`);
      await page.getByRole('heading', { level: 1, name: uiText('en', 'common:keptWaiting.title') }).waitFor();
      expect(await page.getByRole('progressbar', { name: uiText('en', 'common:keptWaiting.progress') }).count()).toBe(1);
      // Each language of the gates, chosen on the screen itself, right to left in Arabic at 320 px.
      let shown = 'en';
      for (const lng of gateLanguages) {
        await page.getByLabel(uiText(shown, 'common:language.label'), { exact: true }).selectOption(lng);
        shown = lng;
        await page.getByRole('heading', { level: 1, name: uiText(lng, 'common:keptWaiting.title') }).waitFor();
        expect(await violationsOn(page)).toBe('');
        expect(await scrollsSideways(page)).toBe(false);
      }
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');

      await old.evaluate(() => (window as unknown as { heldDatabase: IDBDatabase }).heldDatabase.close());
      await page.getByRole('heading', { level: 1, name: uiText('ar', 'session:signIn.title') }).waitFor();
      // It went on with the upgrade it was waiting for.
      expect(await page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'silta')?.version)).toBeGreaterThan(10);
    } finally {
      await context.close();
    }
  });
});

/**
 * Takes what storage the site has left, as other data on a full device would: another database of the origin,
 * written a megabyte at a time until the browser refuses with its quota error. Answers how many megabytes it took.
 */
function fillStorage(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('filler', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('chunks');
        open.onerror = () => reject(open.error ?? new Error('not opened'));
        open.onsuccess = () => {
          const db = open.result;
          const write = (n: number) => {
            if (n >= 500) return (db.close(), reject(new Error('the storage never filled up')));
            // Random bytes, so the store cannot compress them away.
            const chunk = crypto.getRandomValues(new Uint8Array(65_536));
            const tx = db.transaction('chunks', 'readwrite');
            for (let i = 0; i < 16; i += 1) tx.objectStore('chunks').put(chunk.slice(), `${n}-${i}`);
            tx.oncomplete = () => write(n + 1);
            tx.onabort = () => (db.close(), tx.error?.name === 'QuotaExceededError' ? resolve(n) : reject(tx.error ?? new Error('aborted')));
          };
          write(0);
        };
      }),
  );
}

function deleteDatabase(page: Page, name: string): Promise<void> {
  return page.evaluate(
    (n) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(n);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error ?? new Error('not deleted'));
      }),
    name,
  );
}

/** Gives every draft on the device a new IV, so AES-GCM refuses to open it, as a damaged disk or tampering would. */
function breakDraftSeals(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('silta');
        open.onerror = () => reject(open.error ?? new Error('database not opened'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('drafts', 'readwrite');
          let broken = 0;
          tx.objectStore('drafts').openCursor().onsuccess = function () {
            const cursor = this.result;
            if (cursor === null) return;
            const row = cursor.value as { sealed: { iv: Uint8Array } };
            cursor.update({ ...row, sealed: { ...row.sealed, iv: crypto.getRandomValues(new Uint8Array(row.sealed.iv.length)) } });
            broken += 1;
            cursor.continue();
          };
          tx.oncomplete = () => (db.close(), resolve(broken));
          tx.onerror = () => (db.close(), reject(tx.error ?? new Error('not written')));
        };
      }),
  );
}

describe('a form whose draft cannot be read', () => {
  it('opens without it, says so, and keeps what is typed next as a new draft', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    try {
      await page.getByRole('link', { name: 'New client' }).click();
      await page.getByLabel('First names').fill('Amina');
      await expect.poll(() => countStored(page, 'drafts'), { timeout: 10_000 }).toBe(1);
      expect(await breakDraftSeals(page)).toBe(1);

      await reloadAndUnlock(page);
      await page.getByRole('heading', { level: 1, name: 'New client' }).waitFor();
      const unreadable = page.getByRole('alert').filter({ hasText: uiText('en', 'common:draftFailure.unreadable') });
      await unreadable.waitFor();
      expect(await page.getByLabel('First names').inputValue()).toBe('');
      expect(await page.locator('.save-failure code').textContent()).toMatch(/OperationError/);
      expect(await violationsOn(page)).toBe('');

      await page.getByLabel('First names').fill('Hodan');
      await unreadable.waitFor({ state: 'detached' });
      await reloadAndUnlock(page);
      await page.getByRole('heading', { level: 1, name: 'New client' }).waitFor();
      expect(await page.getByLabel('First names').inputValue()).toBe('Hodan');
    } finally {
      await context.close();
    }
  });
});

/** A fresh profile, signed in, on a device with little space: the site's quota set before it stores anything. */
async function openOnSmallDevice(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({ locale: 'en-GB', viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // Before the first write: Chromium keeps the quota it first read for as long as the site's storage is in use.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: env.server.url, quotaSize: 40 * 1024 * 1024 });
  await page.goto(env.server.url);
  await signIn(page);
  await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
  return { context, page };
}

describe('a save the device storage refuses', () => {
  it('says why, keeps what was typed, and saves it once space is freed', async () => {
    const { context, page } = await openOnSmallDevice();
    try {
      await page.getByRole('link', { name: 'New client' }).click();
      await page.getByLabel('First names').fill('Amina');
      await page.getByLabel('Last name').fill('Yusuf');
      await page.getByLabel('Date of birth').fill('1990-04-02');
      await chooseOption(page, 'Mother tongue', 'Somali');
      expect(await fillStorage(page)).toBeGreaterThan(0);

      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('alert').filter({ hasText: uiText('en', 'common:saveFailure.storageFull') }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('New client');
      expect(await page.getByLabel('Last name').inputValue()).toBe('Yusuf');
      await page.getByText(uiText('en', 'common:startup.detail')).click();
      expect(await page.locator('.save-failure code').textContent()).toMatch(/QuotaExceededError/);
      expect(await violationsOn(page)).toBe('');
      await page.setViewportSize({ width: 320, height: 640 });
      expect(await scrollsSideways(page)).toBe(false);

      await deleteDatabase(page, 'filler');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { level: 1, name: 'Amina Yusuf' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('says while a person types that the draft is not kept, and keeps it again once space is freed', async () => {
    const { context, page } = await openOnSmallDevice();
    try {
      await page.getByRole('link', { name: 'New client' }).click();
      await page.getByLabel('First names').fill('Amina');
      expect(await fillStorage(page)).toBeGreaterThan(0);

      await page.getByLabel('Last name').fill('Yusuf');
      const notKept = page.getByRole('alert').filter({ hasText: uiText('en', 'common:draftFailure.storageFull') });
      await notKept.waitFor();
      expect(await page.locator('.save-failure code').textContent()).toMatch(/QuotaExceededError/);
      expect(await violationsOn(page)).toBe('');

      await deleteDatabase(page, 'filler');
      await page.getByLabel('Last name').fill('Yusuf-Ali');
      await notKept.waitFor({ state: 'detached' });
      await reloadAndUnlock(page);
      await page.getByRole('heading', { level: 1, name: 'New client' }).waitFor();
      expect(await page.getByLabel('Last name').inputValue()).toBe('Yusuf-Ali');
      expect(await page.getByLabel('First names').inputValue()).toBe('Amina');
    } finally {
      await context.close();
    }
  });

  it('says that the device is full when a sync cannot store what it receives, and syncs once space is freed', async () => {
    const { context, page } = await openOnSmallDevice();
    try {
      await syncNow(page);
      expect(await fillStorage(page)).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Sync now' }).click();
      const full = page.getByRole('alert').filter({ hasText: uiText('en', 'common:sync.deviceStorage.deviceStorageFull') });
      await full.waitFor();
      expect(await violationsOn(page)).toBe('');

      await deleteDatabase(page, 'filler');
      await page.getByRole('button', { name: uiText('en', 'common:sync.retry'), exact: true }).click();
      await full.waitFor({ state: 'detached' });
      expect(await page.locator('.sync-error').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('keeps the conflict dialog open with the choice, and takes it once space is freed', async () => {
    const ids = await seedGateRecords(env.browser, env.server.url);
    const { context, page } = await openOnSmallDevice();
    try {
      await waitForSeededRecords(page, ids);
      expect(await fillStorage(page)).toBeGreaterThan(0);
      await page.getByRole('button', { name: uiText('en', 'common:conflict.choose') }).click();
      const dialog = page.getByRole('dialog');
      // The radio input is drawn over by its label, which a person clicks.
      await dialog.locator('label').filter({ hasText: '+358 40 111 1111' }).click();
      await dialog.getByRole('button', { name: uiText('en', 'common:conflict.confirm') }).click();
      await dialog.getByRole('alert').filter({ hasText: uiText('en', 'common:saveFailure.storageFull') }).waitFor();
      expect(await dialog.getByRole('radio', { name: /\+358 40 111 1111/ }).isChecked()).toBe(true);
      expect(await violationsOn(page)).toBe('');

      await deleteDatabase(page, 'filler');
      await dialog.getByRole('button', { name: uiText('en', 'common:conflict.confirm') }).click();
      await page.getByTestId('conflict-marker').waitFor({ state: 'detached' });
      const phone = page.locator('.details-row', { has: page.locator('dt', { hasText: /^Phone$/ }) }).locator('dd');
      expect(await phone.textContent()).toMatch(/^\+358 40 111 1111/);
    } finally {
      await context.close();
    }
  });
});

describe('a sync while the server database is locked by another process', () => {
  it('says the server is busy and the changes are safe, and sends them once the lock is gone', async () => {
    const { context, page } = await openApp(env.browser, env.server.url);
    // As a backup or the admin command would: another process holding SQLite's write lock past the busy timeout.
    const otherProcess = new BetterSqlite3(join(env.server.dataDir, SQLITE_FILE_NAME));
    try {
      await syncNow(page);
      await createClient(page, { firstNames: 'Leyla', lastName: 'Rahimi', dateOfBirth: '1988-06-15', motherTongue: 'Dari' });
      const unsynced = page.getByText(uiText('en', 'common:status.unsynced_one', { count: '1' }));
      await unsynced.waitFor();
      otherProcess.exec('BEGIN IMMEDIATE');
      try {
        await page.getByRole('button', { name: 'Sync now' }).click();
        await page.getByRole('alert').filter({ hasText: uiText('en', 'errors:serverBusy') }).waitFor({ timeout: 20_000 });
        expect(await unsynced.isVisible()).toBe(true);
        expect(await violationsOn(page)).toBe('');
      } finally {
        otherProcess.exec('ROLLBACK');
      }
      await syncNow(page);
      await unsynced.waitFor({ state: 'detached' });
    } finally {
      otherProcess.close();
      await context.close();
    }
  });
});
