/**
 * Starts the built server (dist/server/main.js) as its own process on a free port with a fresh data directory,
 * exactly as `npm start` runs it, and stops it again. Tests talk to it over real HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDemoSignIns } from '#server/services/demoAccounts.ts';
import { signInOverHttp, type HttpSession } from './signIn.ts';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** Abrupt death (SIGKILL), as when a machine loses power. */
  kill(): Promise<void>;
}

const MAIN = 'dist/server/main.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

export async function startServer(options: { env?: Record<string, string>; dataDir?: string; port?: number } = {}): Promise<RunningServer> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does).`);
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'silta-e2e-')));
  let log = '';
  // Every test device signs in from 127.0.0.1, so the per-address sign-in limit is raised; its own test sets it.
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SILTA_DATA_DIR: dataDir, SILTA_DEMO: 'off', NODE_ENV: 'test', SILTA_SIGN_INS_PER_MINUTE: '1000', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://localhost:${port}`;
  const exited = () => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  await waitForHealth(url, child, () => log);
  return {
    url,
    port,
    dataDir,
    process: child,
    async stop() {
      child.kill('SIGTERM');
      await exited();
    },
    async kill() {
      child.kill('SIGKILL');
      await exited();
    },
  };
}

export async function removeDataDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * Signs in over HTTP as one of the demo accounts the server wrote to its data directory (start it with
 * `env: { SILTA_DEMO: 'on' }`): the answer, the cookie, and a fetch that sends the cookie and the CSRF header.
 */
export async function signInAsDemo(server: RunningServer, username: string, deviceId: string): Promise<HttpSession> {
  const account = (await readDemoSignIns(server.dataDir))?.find((a) => a.username === username);
  if (!account) throw new Error(`no demo account "${username}" in ${server.dataDir}: start the server with SILTA_DEMO=on`);
  return signInOverHttp(server.url, { username, password: account.password, deviceId });
}
