/**
 * Debian's Chromium, driven by playwright-core. A missing browser is a failure with instructions, never a skip.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const chromePath = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';

/** Without the networking flags Chromium floods this closed network with refused connections. */
const flags = [
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

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromePath)) {
    throw new Error(
      `Chromium was not found at ${chromePath}. Install Debian's browser with "apt-get install -y chromium" ` +
        '(or set CHROME_PATH to a Chromium binary). The end-to-end tests need a real browser and are never skipped.',
    );
  }
  return chromium.launch({ executablePath: chromePath, args: flags });
}
