/**
 * What a counsellor does in the app, as steps the end-to-end tests share. Elements are found by their role and
 * accessible name, as assistive technology finds them.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface AppTab {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** A fresh browser profile on the app, English UI, controlled by the service worker (so it works offline). */
export async function openApp(browser: Browser, url: string, locale = 'en-GB'): Promise<AppTab> {
  const context = await browser.newContext({ locale, viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return { context, page };
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
  await button.click();
  await page.waitForFunction(() => {
    const b = [...document.querySelectorAll('button')].find((el) => el.textContent === 'Sync now');
    return b !== undefined && !b.hasAttribute('disabled') && !b.hasAttribute('data-disabled');
  });
  const error = page.locator('.sync-error');
  if (await error.count()) throw new Error(`sync failed: ${await error.textContent()}`);
}

export async function openClient(page: Page, url: string, name: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByRole('searchbox', { name: 'Search by name' }).fill(name);
  await page.getByRole('link', { name: new RegExp(name) }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

export async function editField(page: Page, label: string, value: string): Promise<void> {
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('link', { name: 'Edit' }).waitFor();
}
