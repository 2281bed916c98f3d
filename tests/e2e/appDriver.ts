/**
 * What a counsellor does in the app, as steps the end-to-end tests share. Elements are found by their role and
 * accessible name, as assistive technology finds them.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PROTOCOL_VERSION } from '#shared/schema/sync.ts';

export interface AppTab {
  readonly context: BrowserContext;
  readonly page: Page;
}

/**
 * The account every end-to-end file signs in with: a counsellor serving both municipalities, made with the admin
 * CLI before the server starts (environment.ts), and the PIN its devices choose.
 */
export const testAccount = {
  username: 'e2e.counsellor',
  displayName: 'Eeva Testinen',
  password: 'correct horse battery staple',
  pin: '482916',
} as const;

/** Signs in with the password and chooses the PIN, as on a new device; ends with the app open. */
export async function signIn(page: Page, lng = 'en', account: { username: string; password: string; pin: string } = testAccount): Promise<void> {
  await page.getByLabel(uiText(lng, 'session:signIn.username'), { exact: true }).fill(account.username);
  await page.getByLabel(uiText(lng, 'session:signIn.password'), { exact: true }).fill(account.password);
  await page.getByRole('button', { name: uiText(lng, 'session:signIn.submit'), exact: true }).click();
  await choosePin(page, lng, account.pin);
}

export async function choosePin(page: Page, lng: string, pin: string): Promise<void> {
  await page.getByLabel(uiText(lng, 'session:choosePin.pin'), { exact: true }).fill(pin);
  await page.getByLabel(uiText(lng, 'session:choosePin.confirm'), { exact: true }).fill(pin);
  await page.getByRole('button', { name: uiText(lng, 'session:choosePin.submit'), exact: true }).click();
  await page.getByRole('group', { name: uiText(lng, 'session:account.label') }).waitFor({ timeout: 30_000 });
}

/** Opens a locked app with the PIN (after a reload, a second tab, or the auto-lock). */
export async function unlock(page: Page, lng = 'en', pin: string = testAccount.pin): Promise<void> {
  await page.getByLabel(uiText(lng, 'session:unlock.pin'), { exact: true }).fill(pin);
  await page.getByRole('button', { name: uiText(lng, 'session:unlock.submit'), exact: true }).click();
  await page.getByRole('group', { name: uiText(lng, 'session:account.label') }).waitFor({ timeout: 30_000 });
}

/**
 * What a newer version of the app does in its tab: open the device's database at a higher schema version. Resolves
 * once the upgrade has gone through, which it can only do when every other tab has let go of the database.
 */
export function openAtNewerVersion(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const probe = indexedDB.open('silta');
        probe.onsuccess = () => {
          const version = probe.result.version;
          probe.result.close();
          const upgrade = indexedDB.open('silta', version + 10);
          upgrade.onsuccess = () => {
            upgrade.result.close();
            resolve(upgrade.result.version);
          };
          upgrade.onerror = () => reject(upgrade.error ?? new Error('upgrade failed'));
        };
        probe.onerror = () => reject(probe.error ?? new Error('database not opened'));
      }),
  );
}

/** How many rows one object store of this device's IndexedDB holds (0 when it has no such store), read directly. */
export function countStored(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('silta');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) return (db.close(), resolve(0));
          const count = db.transaction(name).objectStore(name).count();
          count.onsuccess = () => (db.close(), resolve(count.result));
          count.onerror = () => reject(count.error ?? new Error('count failed'));
        };
        open.onerror = () => reject(open.error ?? new Error('database not opened'));
      }),
    store,
  );
}

/** A reload forgets the data key, so the app opens locked: unlock it again. */
export async function reloadAndUnlock(page: Page, lng = 'en'): Promise<void> {
  await page.reload();
  await unlock(page, lng);
}

/** A full page load of `url` (which locks the app, as a reload does), then the PIN. */
export async function loadAndUnlock(page: Page, url: string, lng = 'en'): Promise<void> {
  await page.goto(url);
  await unlock(page, lng);
}

/** A fresh browser profile on the app, controlled by the service worker (so it works offline), not signed in. */
export async function openSignedOut(browser: Browser, url: string, locale = 'en-GB'): Promise<AppTab> {
  const context = await browser.newContext({ locale, viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return { context, page };
}

/** A fresh browser profile on the app, English UI, signed in as the test counsellor on a new device. */
export async function openApp(browser: Browser, url: string, locale = 'en-GB'): Promise<AppTab> {
  const tab = await openSignedOut(browser, url, locale);
  await signIn(tab.page);
  return tab;
}

export async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  // A select's button is named by its value and its label, in that order.
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

export interface NewClient {
  firstNames: string;
  lastName: string;
  dateOfBirth: string;
  motherTongue: string;
  municipality?: string;
}

export async function createClient(page: Page, c: NewClient): Promise<void> {
  await page.getByRole('link', { name: 'New client' }).click();
  await page.getByLabel('First names').fill(c.firstNames);
  await page.getByLabel('Last name').fill(c.lastName);
  await page.getByLabel('Date of birth').fill(c.dateOfBirth);
  await chooseOption(page, 'Mother tongue', c.motherTongue);
  if (c.municipality) await chooseOption(page, 'Home municipality', c.municipality);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 1, name: `${c.firstNames} ${c.lastName}` }).waitFor();
}

export async function addNote(page: Page, text: string, topic = 'General guidance'): Promise<void> {
  await page.getByRole('link', { name: 'Add a guidance note' }).click();
  // The accessible checkbox input is visually hidden behind its drawn box; a person clicks the label.
  await page.locator('label').filter({ hasText: topic }).click();
  await page.getByLabel('Note', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(text).waitFor();
}

/** Presses "Sync now" and waits until the sync has finished without an error. */
export async function syncNow(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Sync now' });
  // The button is disabled while a sync runs. Waiting only for it to be enabled could return before the sync this
  // click starts had disabled it, so its going disabled is watched from before the click.
  await button.evaluate((b) => {
    const tab = window as unknown as { syncSeenRunning?: boolean };
    tab.syncSeenRunning = false;
    new MutationObserver((_, observer) => {
      if (b.hasAttribute('disabled') || b.hasAttribute('data-disabled')) {
        tab.syncSeenRunning = true;
        observer.disconnect();
      }
    }).observe(b, { attributes: true });
  });
  await button.click();
  await page.waitForFunction(() => {
    const b = [...document.querySelectorAll('button')].find((el) => el.textContent === 'Sync now');
    const ran = (window as unknown as { syncSeenRunning?: boolean }).syncSeenRunning === true;
    return ran && b !== undefined && !b.hasAttribute('disabled') && !b.hasAttribute('data-disabled');
  });
  const error = page.locator('.sync-error');
  if (await error.count()) throw new Error(`sync failed: ${await error.textContent()}`);
}

export async function openClient(page: Page, _url: string, name: string): Promise<void> {
  await goTo(page, '/');
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(name);
  await page.getByRole('link', { name: new RegExp(name) }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

/** What a screen reader would announce for the focused element, roughly: its label, else its text. */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) return labelledBy.split(/\s+/).map((id) => text(document.getElementById(id))).join(' ').trim();
    const label = el.getAttribute('aria-label');
    if (label) return label;
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length > 0) return text(labels[0]);
    return text(el);
  });
}

export async function editField(page: Page, label: string, value: string): Promise<void> {
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('link', { name: 'Edit' }).waitFor();
}

// ---------------------------------------------------------------------------------------------------------------
// Shared by the accessibility, keyboard and reflow gates (tests/e2e/a11y, keyboard, reflow).
// ---------------------------------------------------------------------------------------------------------------

/** The UI languages the gates check: the two official languages, the source language and one right-to-left one. */
export const gateLanguages = ['fi', 'sv', 'en', 'ar'] as const;
export type GateLanguage = (typeof gateLanguages)[number];

const localeCache = new Map<string, Record<string, unknown>>();

/**
 * A UI string as the app shows it in one language, read from locales/ ("namespace:dotted.key", `{{name}}`
 * placeholders filled from `values`). Lets a test find elements by their accessible name in any language.
 */
export function uiText(lng: string, key: string, values: Record<string, string> = {}): string {
  const [ns, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['common', key];
  const file = `locales/${lng}/${ns}.json`;
  let table = localeCache.get(file);
  if (!table) {
    table = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    localeCache.set(file, table);
  }
  let node: unknown = table;
  for (const part of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no string ${key} in ${file}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
}

/**
 * A fresh browser profile on the app in one UI language, as if the person had chosen it earlier (the app keeps the
 * choice in localStorage), controlled by the service worker.
 */
export async function openAppIn(
  browser: Browser,
  url: string,
  lng: string,
  viewport = { width: 1024, height: 768 },
  account: { username: string; password: string; pin: string } = testAccount,
): Promise<AppTab> {
  const context = await browser.newContext({ locale: lng, viewport });
  // Only into a fresh profile: a later choice (switchLanguage, the language select) stays.
  await context.addInitScript((language: string) => {
    if (localStorage.getItem('silta.language') === null) localStorage.setItem('silta.language', language);
  }, lng);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  await page.waitForFunction((language: string) => document.documentElement.lang === language, lng);
  await signIn(page, lng, account);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return { context, page };
}

/** Switches the UI language as the language select does (stored on the device), and starts the app again in it. */
export async function switchLanguage({ page }: AppTab, lng: string): Promise<void> {
  await page.evaluate((language) => localStorage.setItem('silta.language', language), lng);
  await page.reload();
  await page.waitForFunction((language: string) => document.documentElement.lang === language, lng);
  await unlock(page, lng);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** Moves to another screen inside the running app, as its own links do (no reload, no automatic start-up sync). */
export async function goTo(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForFunction((p) => location.pathname === p, path);
}

/** What seedGateRecords made, for screens whose address names a record. */
export interface SeededIds {
  /** The client with a corrected note (so it has history) and a phone number changed on two devices. */
  readonly client: string;
  readonly clientName: string;
  /** The corrected note's thread (root) id. */
  readonly note: string;
}

export const conflictClient = { firstNames: 'Aino', lastName: 'Korhonen', dateOfBirth: '1979-02-03', motherTongue: 'Estonian' } as const;

/**
 * Records every screen of the gates needs, made through the UI on two English tablets and synced to the server:
 * two clients, a guidance note corrected once (so it has an earlier version) and a phone number edited on both
 * tablets offline (so the client has an open conflict). A new profile gets all of it with its first sync.
 */
export async function seedGateRecords(browser: Browser, url: string): Promise<SeededIds> {
  const [a, b] = await Promise.all([openApp(browser, url), openApp(browser, url)]);
  try {
    await createClient(a.page, { firstNames: 'Zahra', lastName: 'Ahmadi', dateOfBirth: '1992-11-30', motherTongue: 'Dari', municipality: 'Siuntio (Sjundeå)' });
    await goTo(a.page, '/');
    await createClient(a.page, conflictClient);
    const client = new URL(a.page.url()).pathname.split('/')[2] ?? '';
    await addNote(a.page, 'First meeting: discussed the initial assessment.');
    const correct = a.page.getByRole('link', { name: 'Correct', exact: true });
    const note = (await correct.getAttribute('href'))?.split('/')[4] ?? '';
    await correct.click();
    await a.page.getByLabel('Note', { exact: true }).fill('First meeting: discussed the initial assessment and housing.');
    await a.page.getByRole('button', { name: 'Save' }).click();
    await a.page.getByText('First meeting: discussed the initial assessment and housing.').waitFor();
    await syncNow(a.page);

    await syncNow(b.page);
    const name = `${conflictClient.lastName}`;
    await openClient(b.page, url, name);
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await editField(a.page, 'Phone', '+358 40 111 1111');
    await editField(b.page, 'Phone', '+358 50 222 2222');
    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await syncNow(a.page);
    await syncNow(b.page);
    await b.page.getByTestId('conflict-marker').waitFor();
    if (!client || !note) throw new Error('seeding did not find the client and note ids');
    return { client, note, clientName: `${conflictClient.firstNames} ${conflictClient.lastName}` };
  } finally {
    await a.context.close();
    await b.context.close();
  }
}

/** Waits until a new profile's first sync has brought everything seedGateRecords made, conflict included. */
export async function waitForSeededRecords(page: Page, ids: SeededIds): Promise<void> {
  await page.locator('.client-card').nth(1).waitFor({ timeout: 30_000 });
  await goTo(page, `/clients/${ids.client}`);
  await page.getByTestId('conflict-marker').waitFor({ timeout: 30_000 });
  await page.locator('.note-history').waitFor();
}

/** The language of the page, from `<html lang>`. */
function pageLanguage(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.lang);
}

/**
 * One screen or dialog of the app, in a state worth checking. Every gate walks this one table (axe in four
 * languages, reflow at 320 px and 200 % zoom, target sizes), so a new screen is checked by adding one line.
 */
export interface GateScreen {
  readonly name: string;
  readonly path: string | ((ids: SeededIds) => string);
  /** Shown when this element is there (a CSS selector; default: the level-1 heading). */
  readonly ready?: string;
  /** Brings the screen into the state to check, after navigating to it. */
  readonly prepare?: (tab: AppTab, lng: string, ids: SeededIds) => Promise<void>;
  /** Undoes what prepare did that would otherwise leak into the next screen. */
  readonly cleanup?: (tab: AppTab, lng: string, ids: SeededIds) => Promise<void>;
  /** A screen only an admin sees, checked in the gates' admin profile (a device belongs to one account). */
  readonly signedInAs?: 'admin';
}

/** The gates' two profiles: the counsellor's, with the seeded records, and an administrator's. */
export interface GateTabs {
  readonly counsellor: AppTab;
  readonly admin: AppTab;
}

export function gateTabFor(tabs: GateTabs, screen: GateScreen): AppTab {
  return screen.signedInAs === 'admin' ? tabs.admin : tabs.counsellor;
}

/** Opens the dialog behind a table row's button (an account's "Disable", a device's "Revoke"). */
async function openRowDialog(page: Page, row: string, button: string): Promise<void> {
  await page.getByRole('row').filter({ hasText: row }).first().getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('alertdialog').waitFor();
}

async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByRole('alertdialog').waitFor({ state: 'detached' });
}

async function pressSave(page: Page, lng: string) {
  await page.getByRole('button', { name: uiText(lng, 'common:action.save'), exact: true }).click();
  await page.locator('.field-error:not(:empty)').first().waitFor();
}

/** Routes that hold the pull requests until released, so a running sync can be looked at. */
const heldPulls = new WeakMap<BrowserContext, () => void>();

export const gateScreens: readonly GateScreen[] = [
  { name: 'client list', path: '/', ready: '.client-card' },
  { name: 'new client', path: '/clients/new', ready: 'form' },
  {
    // The language select is the browser's own; the app's own select, with its popover, is in forms.
    name: 'new client, a select open',
    path: '/clients/new',
    ready: 'form',
    prepare: async ({ page }, lng) => {
      await page.getByRole('button', { name: uiText(lng, 'clients:field.homeMunicipality') }).click();
      await page.getByRole('listbox').waitFor();
    },
    cleanup: async ({ page }) => {
      await page.keyboard.press('Escape');
      await page.getByRole('listbox').waitFor({ state: 'detached' });
    },
  },
  { name: 'new client, with errors', path: '/clients/new', ready: 'form', prepare: ({ page }, lng) => pressSave(page, lng) },
  { name: 'edit client', path: (ids) => `/clients/${ids.client}/edit`, ready: 'form' },
  {
    name: 'client detail, note history open',
    path: (ids) => `/clients/${ids.client}`,
    ready: '.note-history',
    prepare: async ({ page }) => {
      await page.locator('.note-history summary').click();
      await page.locator('.note-history[open] .note-version').first().waitFor();
    },
  },
  {
    name: 'conflict dialog',
    path: (ids) => `/clients/${ids.client}`,
    ready: '[data-testid="conflict-marker"]',
    prepare: async ({ page }, lng) => {
      await page.getByRole('button', { name: uiText(lng, 'common:conflict.choose') }).click();
      await page.getByRole('dialog').getByRole('radiogroup').waitFor();
    },
    cleanup: async ({ page }) => {
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    },
  },
  { name: 'new note', path: (ids) => `/clients/${ids.client}/notes/new`, ready: 'form' },
  { name: 'new note, with errors', path: (ids) => `/clients/${ids.client}/notes/new`, ready: 'form', prepare: ({ page }, lng) => pressSave(page, lng) },
  { name: 'correct note', path: (ids) => `/clients/${ids.client}/notes/${ids.note}/correct`, ready: 'form' },
  {
    name: "client's data, export fetched",
    path: (ids) => `/clients/${ids.client}/data`,
    prepare: async ({ page }, lng) => {
      await page.getByRole('button', { name: uiText(lng, 'clientRights:export.prepare'), exact: true }).click();
      await page.locator('.client-export').waitFor();
    },
  },
  {
    name: "client's data, erase dialog",
    path: (ids) => `/clients/${ids.client}/data`,
    prepare: async ({ page }, lng) => {
      await page.getByRole('button', { name: uiText(lng, 'clientRights:erase.button'), exact: true }).click();
      await page.getByRole('alertdialog').waitFor();
    },
    cleanup: ({ page }) => closeDialog(page),
  },
  { name: 'page not found', path: '/no-such-page' },
  {
    // In place of the whole app, once a newer version of it has upgraded the device's database in another tab.
    name: 'database upgraded in another tab',
    path: '/',
    ready: '.client-card',
    prepare: async ({ page }, lng) => {
      await openAtNewerVersion(page);
      await page.getByRole('heading', { level: 1, name: uiText(lng, 'common:replaced.upgradedTitle') }).waitFor();
    },
    cleanup: async ({ page }, lng) => {
      await page.getByRole('button', { name: uiText(lng, 'common:replaced.reload'), exact: true }).click();
      await unlock(page, lng);
    },
  },
  {
    name: 'unlock, after a wrong PIN',
    path: '/',
    ready: '.client-card',
    prepare: async ({ page }, lng) => {
      await page.getByRole('button', { name: uiText(lng, 'session:account.lock'), exact: true }).click();
      await page.getByLabel(uiText(lng, 'session:unlock.pin'), { exact: true }).fill('000000');
      await page.getByRole('button', { name: uiText(lng, 'session:unlock.submit'), exact: true }).click();
      await page.locator('.field-error:not(:empty)').waitFor();
    },
    // The right PIN also sets the wrong-PIN count back to zero.
    cleanup: ({ page }, lng) => unlock(page, lng),
  },
  {
    name: 'sign-in, with errors, after signing out',
    path: '/',
    ready: '.client-card',
    prepare: async ({ page }, lng) => {
      await page.getByRole('button', { name: uiText(lng, 'session:account.signOut'), exact: true }).click();
      await page.getByRole('button', { name: uiText(lng, 'session:signIn.submit'), exact: true }).click();
      await page.locator('.field-error:not(:empty)').first().waitFor();
    },
    cleanup: ({ page }, lng) => signIn(page, lng),
  },
  {
    name: 'choose a PIN, with errors',
    path: '/',
    ready: '.client-card',
    prepare: async ({ page }, lng) => {
      await page.getByRole('button', { name: uiText(lng, 'session:account.signOut'), exact: true }).click();
      await page.getByLabel(uiText(lng, 'session:signIn.password'), { exact: true }).fill(testAccount.password);
      await page.getByRole('button', { name: uiText(lng, 'session:signIn.submit'), exact: true }).click();
      await page.getByLabel(uiText(lng, 'session:choosePin.pin'), { exact: true }).fill('123');
      await page.getByRole('button', { name: uiText(lng, 'session:choosePin.submit'), exact: true }).click();
      await page.locator('.field-error:not(:empty)').first().waitFor();
    },
    cleanup: ({ page }, lng) => choosePin(page, lng, testAccount.pin),
  },
  { name: 'accessibility statement', path: '/accessibility', ready: '#statement-heading' },
  { name: 'admin: accounts', path: '/admin/accounts', ready: '.admin-table', signedInAs: 'admin' },
  {
    name: 'admin: new account, counsellor, with errors',
    path: '/admin/accounts/new',
    ready: 'form',
    signedInAs: 'admin',
    prepare: async ({ page }, lng) => {
      await chooseOption(page, uiText(lng, 'admin:form.role'), uiText(lng, 'admin:role.counsellor'));
      await page.getByRole('button', { name: uiText(lng, 'admin:form.submit'), exact: true }).click();
      await page.locator('.field-error:not(:empty)').first().waitFor();
    },
  },
  {
    name: 'admin: disable account dialog',
    path: '/admin/accounts',
    ready: '.admin-table',
    signedInAs: 'admin',
    prepare: ({ page }, lng) => openRowDialog(page, testAccount.username, uiText(lng, 'admin:accounts.disable')),
    cleanup: ({ page }) => closeDialog(page),
  },
  { name: 'admin: devices', path: '/admin/devices', ready: '.admin-table', signedInAs: 'admin' },
  {
    name: 'admin: revoke device dialog',
    path: '/admin/devices',
    ready: '.admin-table',
    signedInAs: 'admin',
    prepare: ({ page }, lng) => openRowDialog(page, testAccount.username, uiText(lng, 'admin:devices.revoke')),
    cleanup: ({ page }) => closeDialog(page),
  },
  { name: 'admin: audit log', path: '/admin/audit', ready: '.admin-table', signedInAs: 'admin' },
  {
    name: 'admin: audit log, filter with errors',
    path: '/admin/audit',
    ready: '.admin-table',
    signedInAs: 'admin',
    prepare: async ({ page }, lng) => {
      await page.getByLabel(uiText(lng, 'admin:audit.filter.clientId'), { exact: true }).fill('not a client id');
      await page.getByRole('button', { name: uiText(lng, 'admin:audit.filter.apply'), exact: true }).click();
      await page.locator('.field-error:not(:empty)').first().waitFor();
    },
  },
  {
    name: 'sync running',
    path: '/',
    ready: '.client-card',
    prepare: async ({ context, page }, lng) => {
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      heldPulls.set(context, release);
      await context.route('**/api/sync/pull**', async (route) => {
        await released;
        await route.continue();
      });
      await page.getByRole('button', { name: uiText(lng, 'common:sync.now'), exact: true }).click();
      await page.getByRole('progressbar').waitFor();
    },
    cleanup: async ({ context, page }) => {
      heldPulls.get(context)?.();
      await context.unrouteAll({ behavior: 'wait' });
      await page.getByRole('progressbar').waitFor({ state: 'detached' });
    },
  },
  {
    name: 'sync failed offline, unsynced change at risk',
    path: (ids) => `/clients/${ids.client}/edit`,
    ready: 'form',
    prepare: async ({ context, page }, lng) => {
      // A change made offline, then "Sync now": the error, the unsynced count and (where the browser has not
      // granted persistent storage, as headless Chromium does not) the warning that the change is at risk.
      await context.setOffline(true);
      await page.getByLabel(uiText(lng, 'clients:field.address'), { exact: true }).fill(`Kirkkotie 1 (${lng})`);
      await page.getByRole('button', { name: uiText(lng, 'common:action.save'), exact: true }).click();
      await page.locator('.details').waitFor();
      await page.getByRole('button', { name: uiText(lng, 'common:sync.now'), exact: true }).click();
      await page.locator('.sync-error').waitFor();
      await page.locator('.sync-warning, .sync-storage').first().waitFor();
    },
    cleanup: async ({ context, page }) => {
      // Back online, the app syncs by itself and the error and warning go.
      await context.setOffline(false);
      await page.locator('.sync-error').waitFor({ state: 'detached' });
      await page.locator('.sync-warning').waitFor({ state: 'detached' });
    },
  },
  {
    name: 'changes refused by the server',
    path: (ids) => `/clients/${ids.client}/edit`,
    ready: 'form',
    prepare: async ({ context, page }, lng) => {
      // A change the server refuses, as it would one made to a record deleted elsewhere: the push is answered
      // with a rejection of every entry it carries. Only the refusal's code is shown.
      await context.route('**/api/sync/push', async (route) => {
        const body = route.request().postDataJSON() as { entries: { id: string }[] };
        await route.fulfill({ json: { v: PROTOCOL_VERSION, results: body.entries.map((e) => ({ id: e.id, status: 'rejected', code: 'recordDeleted' })) } });
      });
      await page.getByLabel(uiText(lng, 'clients:field.address'), { exact: true }).fill(`Kyrkvägen 2 (${lng})`);
      await page.getByRole('button', { name: uiText(lng, 'common:action.save'), exact: true }).click();
      await page.locator('.details').waitFor();
      await page.getByRole('button', { name: uiText(lng, 'common:sync.now'), exact: true }).click();
      await page.locator('.sync-rejections').waitFor();
    },
    cleanup: async ({ context, page }, lng) => {
      await context.unrouteAll({ behavior: 'wait' });
      await page.getByRole('button', { name: uiText(lng, 'common:sync.dismiss'), exact: true }).click();
      await page.locator('.sync-rejections').waitFor({ state: 'detached' });
    },
  },
];

/** Opens a screen of the table in its state to check. */
export async function showScreen(tab: AppTab, screen: GateScreen, ids: SeededIds): Promise<void> {
  const lng = await pageLanguage(tab.page);
  // The admin profile sits idle while the counsellor's screens are checked, long enough to lock itself.
  const unlockButton = tab.page.getByRole('button', { name: uiText(lng, 'session:unlock.submit'), exact: true });
  if (screen.signedInAs === 'admin' && (await unlockButton.count()) > 0) await unlock(tab.page, lng);
  await goTo(tab.page, typeof screen.path === 'string' ? screen.path : screen.path(ids));
  if (screen.ready) await tab.page.locator(screen.ready).first().waitFor();
  else await tab.page.getByRole('heading', { level: 1 }).first().waitFor();
  await screen.prepare?.(tab, lng, ids);
}

export async function leaveScreen(tab: AppTab, screen: GateScreen, ids: SeededIds): Promise<void> {
  await screen.cleanup?.(tab, await pageLanguage(tab.page), ids);
}
