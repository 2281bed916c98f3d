/**
 * Every main task by keyboard alone (QUALITY.md, "Accessibility and language"): only `page.keyboard` once a task
 * starts, no clicks and no `.fill()`. The conflict itself is produced with the shared mouse-driven steps; resolving
 * it is the keyboard task. Along the way: the focus order of the client form and of sign-in, the skip link, and
 * that focus is visible.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serverAndBrowserPerFile } from './environment.ts';
import { editField, focusedName, goTo, loadAndUnlock, openApp, openClient, openSignedOut, syncNow, testAccount, uiText, type AppTab } from './appDriver.ts';

const env = serverAndBrowserPerFile();

/** The focused element's identity, to tell a new tab stop from a move between a date input's own segments. */
function focusedKey(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    (el as HTMLElement).dataset['kbd'] ??= Math.random().toString(36).slice(2);
    return (el as HTMLElement).dataset['kbd'] ?? '';
  });
}

/** Tab to the next element (a date input takes one Tab per segment before focus leaves it). */
async function tab(page: Page, key = 'Tab'): Promise<string> {
  const before = await focusedKey(page);
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press(key);
    if ((await focusedKey(page)) !== before) return focusedName(page);
  }
  throw new Error(`focus did not leave ${await focusedName(page)}`);
}

/** Tabs (forward, or back with Shift+Tab) until the focused element's name starts with `name`; returns the names passed on the way. */
async function tabTo(page: Page, name: string | RegExp, max = 60, key = 'Tab'): Promise<string[]> {
  const passed: string[] = [];
  const matches = (n: string) => (typeof name === 'string' ? n.startsWith(name) : name.test(n));
  let current = await focusedName(page);
  for (let i = 0; i < max && !(passed.length > 0 && matches(current)); i++) {
    current = await tab(page, key);
    passed.push(current);
  }
  if (!matches(current)) throw new Error(`never reached "${String(name)}" by Tab; passed: ${passed.join(' | ')}`);
  return passed;
}

/** Whether focus is drawn: an outline on the element, or on the drawn box of a custom checkbox or radio. */
function focusIndicator(page: Page): Promise<{ style: string; width: number; color: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const label = el.closest('label');
    const drawn = label?.querySelector('.checkbox-box') ?? null;
    const style = drawn ? getComputedStyle(drawn) : label?.classList.contains('radio') ? getComputedStyle(label, '::before') : getComputedStyle(el);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor };
  });
}

async function expectFocusVisible(page: Page): Promise<void> {
  const indicator = await focusIndicator(page);
  const name = await focusedName(page);
  expect(indicator.style, `focus indicator of "${name}"`).not.toBe('none');
  expect(indicator.width, `focus outline width of "${name}"`).toBeGreaterThanOrEqual(2);
  expect(indicator.color, `focus outline colour of "${name}"`).not.toMatch(/rgba\(.*, 0\)|transparent/);
}

/** Opens a react-aria Select on the focused button with Enter, types to find an option, and chooses it. */
async function chooseByTyping(page: Page, typed: string): Promise<void> {
  await page.keyboard.press('Enter');
  await page.getByRole('listbox').waitFor();
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

describe('keyboard alone', () => {
  let a: AppTab;
  beforeAll(async () => {
    a = await openApp(env.browser, env.server.url);
  });
  afterAll(async () => {
    await a.context.close();
  });

  it('offers the skip link as the first Tab stop and it moves focus to the main content', async () => {
    const { page } = a;
    // A page load opens the app locked: the unlock screen is the page the skip link is checked on.
    await page.goto(`${env.server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Silta is locked' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Skip to content');
    await expectFocusVisible(page);
    // Shown while focused: inside the viewport, not parked off-screen.
    const box = await page.evaluate(() => document.activeElement!.getBoundingClientRect().toJSON() as DOMRect);
    expect(box.x).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'main');
    // The next Tab continues from the main content, not from the header.
    expect(await tab(page)).toBe('Username');
    await page.keyboard.press('Tab');
    await page.keyboard.type(testAccount.pin);
    await page.keyboard.press('Enter');
    // Unlocked: focus is on the content the app opened to, so the next Tab is its first control.
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'main');
    expect(await tab(page)).toBe('New client');
    await expectFocusVisible(page);
  });

  it('creates a client: Tab through the form in reading order, selects by Enter, arrows and typing, Space, Enter', async () => {
    const { page } = a;
    await loadAndUnlock(page, `${env.server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await tabTo(page, 'New client');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New client' }).waitFor();

    await tabTo(page, 'First names');
    await expectFocusVisible(page);
    await page.keyboard.type('Mariam');
    expect(await tab(page)).toBe('Last name');
    await page.keyboard.type('Haddad');
    expect(await tab(page)).toBe('Date of birth');
    await expectFocusVisible(page);
    // A date input takes its segments in the browser's own order (day and month first, in either order, for
    // English), so the day equals the month here.
    await page.keyboard.type('07071990');
    expect(await page.getByLabel('Date of birth').inputValue()).toBe('1990-07-07');

    expect(await tab(page)).toBe('Mother tongue');
    await expectFocusVisible(page);
    await chooseByTyping(page, 'Arab');
    expect(await focusedName(page)).toBe('Arabic Mother tongue');

    // Home municipality: open with Enter, move with the arrow keys, choose with Enter.
    expect(await tab(page)).toMatch(/Home municipality$/);
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    expect(await focusedName(page)).toBe('Siuntio (Sjundeå) Home municipality');

    expect(await tab(page)).toMatch(/Customer group$/);
    expect(await tab(page)).toMatch(/Status$/);
    expect(await tab(page)).toBe('Date of first residence permit');
    expect(await tab(page)).toMatch(/Language of service$/);
    await chooseByTyping(page, 'Swed');
    expect(await focusedName(page)).toBe('Swedish Language of service');

    expect(await tab(page)).toBe('Needs an interpreter');
    await expectFocusVisible(page);
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'Needs an interpreter' }).and(page.locator(':checked')).waitFor();
    expect(await tab(page)).toMatch(/Interpreter's language$/);
    await chooseByTyping(page, 'Arab');

    expect(await tab(page)).toBe('Phone');
    await page.keyboard.type('+358 40 123 4567');
    expect(await tab(page)).toBe('Email');
    expect(await tab(page)).toBe('Address');
    await page.keyboard.type('Kirkkotie 1');
    // Implicit submission: Enter in a text field saves the form.
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Mariam Haddad' }).waitFor();
    const detail = (label: string) => page.locator('.details-row', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd').textContent();
    expect(await detail('Mother tongue')).toBe('Arabic');
    expect(await detail('Home municipality')).toBe('Siuntio (Sjundeå)');
    expect(await detail('Language of service')).toBe('Swedish');
    expect(await detail("Interpreter's language")).toBe('Arabic');
    expect(await detail('Date of birth')).toContain('1990');
    expect(await detail('Phone')).toBe('+358 40 123 4567');
  });

  it('writes a guidance note with topics', async () => {
    const { page } = a;
    await page.getByRole('heading', { level: 1, name: 'Mariam Haddad' }).waitFor();
    await tabTo(page, 'Add a guidance note');
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /New guidance note/ }).waitFor();

    await tabTo(page, /Place$/);
    await page.keyboard.press('ArrowDown');
    await page.getByRole('listbox').waitFor();
    await page.keyboard.type('Remote');
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    expect(await focusedName(page)).toBe('Remote Place');

    await tabTo(page, 'Housing');
    await expectFocusVisible(page);
    await page.keyboard.press('Space');
    await tabTo(page, 'Referral to other services');
    await page.keyboard.press('Space');
    await tabTo(page, 'Note');
    await page.keyboard.type('Looked for a rental flat together.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Referred to the housing office.');
    await tabTo(page, 'Save');
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Mariam Haddad' }).waitFor();
    await page.getByText('Looked for a rental flat together.').waitFor();
    const topics = page.locator('.note-card', { hasText: 'Looked for a rental flat together.' }).getByRole('list', { name: 'Topics', exact: true });
    await topics.getByRole('listitem').first().waitFor();
    expect(await topics.getByRole('listitem').allTextContents()).toEqual(['Housing', 'Referral to other services']);
  });

  it('resolves a sync conflict: opens the dialog, picks the other change with the arrow keys, confirms with Enter', async () => {
    // The conflict: the same phone number changed on two tablets offline (set up with the usual mouse steps).
    const { page } = a;
    await syncNow(page);
    const b = await openApp(env.browser, env.server.url);
    try {
      await syncNow(b.page);
      await openClient(b.page, env.server.url, 'Haddad');
      await openClient(page, env.server.url, 'Haddad');
      await a.context.setOffline(true);
      await b.context.setOffline(true);
      await editField(page, 'Phone', '+358 40 111 1111');
      await editField(b.page, 'Phone', '+358 50 222 2222');
      await a.context.setOffline(false);
      await b.context.setOffline(false);
      await syncNow(page);
      await syncNow(b.page);
      await syncNow(page);
    } finally {
      await b.context.close();
    }
    await page.getByTestId('conflict-marker').waitFor();
    const phone = page.locator('.details-row', { has: page.locator('dt', { hasText: /^Phone$/ }) }).locator('dd');
    expect(await phone.textContent()).toMatch(/^\+358 50 222 2222/);

    // From here on, only the keyboard.
    await tabTo(page, 'Choose the value');
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Phone was changed on two devices' });
    await dialog.waitFor();
    // Focus is inside the dialog, and Tab stays inside it.
    expect(await page.evaluate(() => document.activeElement?.closest('[role=dialog]') !== null)).toBe(true);
    expect(await tab(page)).toBe('Shown now: +358 50 222 2222');
    await expectFocusVisible(page);
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe('The other change: +358 40 111 1111');
    expect(await dialog.getByRole('radio', { name: /The other change/ }).isChecked()).toBe(true);
    expect(await tab(page)).toBe('Confirm');
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');

    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('conflict-marker').waitFor({ state: 'detached' });
    expect(await phone.textContent()).toBe('+358 40 111 1111');
    // Focus is not lost to the page's start: it lands on the resolved field, and Tab goes on from there.
    expect(await page.evaluate(() => document.activeElement?.closest('.details-row')?.querySelector('dt')?.textContent)).toBe('Phone');
    await expectFocusVisible(page);
  });

  it('closes a select list with Escape and returns focus to the button that opened it', async () => {
    const { page } = a;
    await goTo(page, '/clients/new');
    await page.getByRole('heading', { level: 1, name: 'New client' }).waitFor();
    await tabTo(page, /Home municipality$/);
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    // React Aria gives focus back in the animation frame after the list closes, so it is asked until then.
    await expect.poll(() => focusedName(page)).toMatch(/Home municipality$/);
  });

  it('changes the language on the language select by typing a name and by the arrow keys, and keeps focus there', async () => {
    const { page } = a;
    await goTo(page, '/');
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await tabTo(page, 'Language');
    await expectFocusVisible(page);
    await page.keyboard.type('Suomi');
    await page.getByRole('heading', { level: 1, name: uiText('fi', 'clients:list.title') }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fi');
    expect(await focusedName(page)).toBe(uiText('fi', 'common:language.label'));
    // The arrow keys move through the languages too (a second typed name would join the first in the select's
    // type-ahead for a second): Suomi, Svenska, English.
    await page.keyboard.press('ArrowDown');
    await page.getByRole('heading', { level: 1, name: uiText('sv', 'clients:list.title') }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    expect(await focusedName(page)).toBe('Language');
  });
});

describe('signing in and unlocking by keyboard alone', () => {
  it('signs in, chooses a PIN (pasted from a password manager works too), locks and unlocks', async () => {
    const { context, page } = await openSignedOut(env.browser, env.server.url);
    try {
      await tabTo(page, 'Username');
      await expectFocusVisible(page);
      await page.keyboard.type(testAccount.username);
      expect(await tab(page)).toBe('Password');
      await page.keyboard.type(testAccount.password);
      await page.keyboard.press('Enter');

      // The PIN screen replaces the form: focus starts at its heading, and the next stop is the PIN field.
      await page.getByRole('heading', { level: 1, name: 'Choose a PIN for this device' }).waitFor();
      expect(await focusedName(page)).toBe('Choose a PIN for this device');
      expect(await tab(page)).toBe('PIN or passphrase');
      await page.keyboard.type('12');
      expect(await tab(page)).toBe('PIN or passphrase again');
      await page.keyboard.type('12');
      await page.keyboard.press('Enter');
      // Too short: focus moves to the field with the error.
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
      expect(await focusedName(page)).toBe('PIN or passphrase');
      await page.keyboard.press('Control+A');
      // What a password manager does: the whole value arrives at once, as with paste.
      await page.keyboard.insertText(testAccount.pin);
      await tab(page);
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(testAccount.pin);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor({ timeout: 30_000 });

      // Focus starts in the opened content; Lock is in the header, behind it.
      await tabTo(page, 'Lock', 20, 'Shift+Tab');
      await expectFocusVisible(page);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Silta is locked' }).waitFor();
      await tabTo(page, 'PIN or passphrase');
      await page.keyboard.type(testAccount.pin);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor({ timeout: 30_000 });
    } finally {
      await context.close();
    }
  });
});
