/**
 * QUALITY.md, Security, "At rest": unique canary strings go into a client (names, date of birth), a guidance note,
 * an unsaved form draft and records pulled from another tablet; after a sync the browser is closed and every file of its profile is
 * searched for them. None may be found. A plain-text control written straight into IndexedDB of the same profile
 * must be found, which shows that the search reads this Chromium's storage format (LevelDB logs and tables, value
 * compression, blob files) and that zero hits mean something.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchPersistentChromium } from '../support/chromium.ts';
import { serverAndBrowserPerFile } from './environment.ts';
import { addNote, countStored, createClient, openApp, openClient, signIn, syncNow } from './appDriver.ts';

const env = serverAndBrowserPerFile();

/**
 * A canary: letters only (every form field takes them), random for each run, and without a prefix shared with
 * another canary, so that compression cannot store one as a back-reference to another.
 */
function canary(): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  return Array.from(randomBytes(16), (b, i) => (i === 0 ? letters.charAt(b % 24) : letters.charAt(b % letters.length))).join('');
}

/** A date of birth as a canary: random, and before 1970, so no timestamp of the browser's own can match it. */
function birthDate(): string {
  const [year, month, day] = Array.from(randomBytes(3));
  return `19${String(31 + (year! % 39))}-${String(1 + (month! % 12)).padStart(2, '0')}-${String(1 + (day! % 28)).padStart(2, '0')}`;
}

async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** Every file of the profile that holds `text` in UTF-8 (Latin-1 for these letters) or in UTF-16LE. */
async function filesHolding(profile: string, text: string): Promise<string[]> {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  const hits: string[] = [];
  for (const file of await filesUnder(profile)) {
    // A file the browser removed while closing (a lock, a journal) has nothing left to leak.
    const bytes = await readFile(file).catch(() => null);
    if (bytes !== null && needles.some((needle) => bytes.includes(needle))) hits.push(relative(profile, file));
  }
  return hits;
}

/** The control: a record-sized plain-text value written into IndexedDB of the same origin without the app. */
function writePlainControl(page: Page, text: string): Promise<void> {
  return page.evaluate(
    (control) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('canary-control', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('rows', { keyPath: 'id' });
        open.onsuccess = () => {
          const tx = open.result.transaction('rows', 'readwrite');
          const filler = 'Talked about housing allowance and the next steps with the family. '.repeat(12);
          tx.objectStore('rows').put({ id: 'control', data: { lastName: control, text: `${filler} ${control}` } });
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error ?? new Error('control not written'));
        };
        open.onerror = () => reject(open.error ?? new Error('control database not opened'));
      }),
    text,
  );
}

describe('personal data at rest in the browser profile', () => {
  it('leaves no canary of a client, a note, a draft or a pulled record in any file of the profile', async () => {
    const canaries = {
      firstNames: canary(),
      lastName: canary(),
      dateOfBirth: birthDate(),
      note: canary(),
      draft: canary(),
      pulledName: canary(),
      pulledNote: canary(),
    };
    const control = canary();
    const profile = await mkdtemp(join(tmpdir(), 'silta-canary-'));
    try {
      const context = await launchPersistentChromium(profile, { locale: 'en-GB', viewport: { width: 1024, height: 768 } });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto(env.server.url);
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
        await signIn(page);

        await createClient(page, { firstNames: canaries.firstNames, lastName: canaries.lastName, dateOfBirth: canaries.dateOfBirth, motherTongue: 'Estonian' });
        await addNote(page, `Talked about ${canaries.note} and agreed on the next steps.`);
        await syncNow(page);

        // Another tablet's records reach this profile only through a pull.
        const other = await openApp(env.browser, env.server.url);
        try {
          await createClient(other.page, { firstNames: 'Mirjam', lastName: canaries.pulledName, dateOfBirth: '1990-06-01', motherTongue: 'Somali' });
          await addNote(other.page, `Visited the health centre about ${canaries.pulledNote} together.`);
          await syncNow(other.page);
        } finally {
          await other.context.close();
        }
        await syncNow(page);
        await openClient(page, env.server.url, canaries.pulledName);
        await page.getByText(canaries.pulledNote, { exact: false }).waitFor();

        // Typed, never saved: the form keeps it as a draft, and the browser is closed with the form still open.
        await openClient(page, env.server.url, canaries.lastName);
        await page.getByRole('link', { name: 'Edit' }).click();
        await page.getByLabel('Address', { exact: true }).fill(canaries.draft);
        await expect.poll(() => countStored(page, 'drafts'), { timeout: 10_000 }).toBeGreaterThan(0);

        await writePlainControl(page, control);
      } finally {
        await context.close();
      }

      expect(await filesHolding(profile, control), 'the plain-text control must be found').not.toEqual([]);
      const found: Record<string, string[]> = {};
      for (const [name, text] of Object.entries(canaries)) found[name] = await filesHolding(profile, text);
      expect(found).toEqual(Object.fromEntries(Object.keys(canaries).map((name) => [name, []])));
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
});
