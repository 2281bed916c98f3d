/** Each end-to-end file gets its own real server (fresh data directory) and one Chromium, both stopped after. */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { removeDataDir, startServer, type RunningServer } from '../support/server.ts';

export interface E2eEnvironment {
  readonly server: RunningServer;
  readonly browser: Browser;
}

export function serverAndBrowserPerFile(): E2eEnvironment {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) await removeDataDir(server.dataDir);
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} did not start`);
    return value;
  };
  return {
    get server() {
      return ready(server, 'the server');
    },
    get browser() {
      return ready(browser, 'Chromium');
    },
  };
}
