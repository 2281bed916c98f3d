/**
 * Each end-to-end file gets its own real server (fresh data directory, with the test accounts made by the admin
 * CLI as an operator would) and one Chromium, both stopped after.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { removeDataDir, startServer, type RunningServer } from '../support/server.ts';
import { testAccount } from './appDriver.ts';

export interface E2eEnvironment {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/** An administrator, for tests that revoke devices and read the audit log. */
export const testAdmin = { username: 'e2e.admin', password: 'admin password for the e2e tests' } as const;

/** A counsellor who serves Kyrkslätt only, for the shared-tablet test. */
export const testColleague = { username: 'e2e.colleague', password: 'colleague password for e2e', pin: '735910' } as const;

const ADMIN_CLI = 'dist/server/admin.js';

/** Runs `npm run admin -- …` (the built CLI) against a data directory, the password on standard input. */
export function runAdminCli(dataDir: string, args: readonly string[], password: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ADMIN_CLI, ...args], {
      env: { ...process.env, SILTA_DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'test' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`admin ${args.join(' ')} exited with ${code}:\n${output}`))));
    child.stdin.end(`${password}\n`);
  });
}

async function createTestAccounts(dataDir: string): Promise<void> {
  await runAdminCli(
    dataDir,
    ['create-account', '--username', testAccount.username, '--role', 'counsellor', '--name', testAccount.displayName, '--municipality', 'kyrkslatt', '--municipality', 'sjundea'],
    testAccount.password,
  );
  await runAdminCli(dataDir, ['create-account', '--username', testAdmin.username, '--role', 'admin', '--name', 'E2E Admin'], testAdmin.password);
  await runAdminCli(
    dataDir,
    ['create-account', '--username', testColleague.username, '--role', 'counsellor', '--name', 'Kalle Kollega', '--municipality', 'kyrkslatt'],
    testColleague.password,
  );
}

/** `staticDir`: the built app the server serves, when a test needs a copy of its own (the default is dist/client). */
export function serverAndBrowserPerFile(options: { readonly staticDir?: string } = {}): E2eEnvironment {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'silta-e2e-'));
    await createTestAccounts(dataDir);
    server = await startServer({ dataDir, env: options.staticDir === undefined ? {} : { SILTA_STATIC_DIR: options.staticDir } });
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
