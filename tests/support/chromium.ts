/**
 * Debian's Chromium, driven by playwright-core. A missing browser is a failure with instructions, never a skip.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const chromePath = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';

/** Without the networking flags Chromium floods this closed network with refused connections. */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

function requireChromium(): void {
  if (!existsSync(chromePath)) {
    throw new Error(
      `Chromium was not found at ${chromePath}. Install Debian's browser with "apt-get install -y chromium" ` +
        '(or set CHROME_PATH to a Chromium binary). The end-to-end tests need a real browser and are never skipped.',
    );
  }
}

export async function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({ executablePath: chromePath, args: chromiumFlags });
}

/** A browser with its profile in `userDataDir`, for tests that look at what the browser wrote to disk. */
export async function launchPersistentChromium(userDataDir: string, options: { locale: string; viewport: { width: number; height: number } }): Promise<BrowserContext> {
  requireChromium();
  return chromium.launchPersistentContext(userDataDir, { executablePath: chromePath, args: chromiumFlags, ...options });
}
