/**
 * Child processes the benchmark starts: the built Silta server (dist/server/main.js, exactly as `npm start` runs
 * it) and pouchdb-server. Each is started by its binary (never through npx), remembered by PID and stopped by that
 * PID; `stopAll` is the safety net run on exit and on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../tests/support/server.ts';
import { BENCH_SIGN_INS_PER_MINUTE } from './account.ts';

const running = new Set<ChildProcess>();
const cleanups = new Set<() => Promise<void>>();

/**
 * Registers an asynchronous stop for something that is not a direct child (the throwaway PostgreSQL, which pg_ctl
 * daemonises): run by `runCleanups` when the benchmark is interrupted. Returns the function that unregisters it.
 */
export function onInterrupt(stop: () => Promise<void>): () => void {
  cleanups.add(stop);
  return () => cleanups.delete(stop);
}

/** Runs the registered stops, each bounded to 20 s. */
export async function runCleanups(): Promise<void> {
  for (const stop of [...cleanups]) {
    cleanups.delete(stop);
    await Promise.race([stop().catch(() => undefined), sleep(20_000)]);
  }
  for (const dir of [...dirs]) await removeDir(dir).catch(() => undefined);
}

const dirs = new Set<string>();

/** A fresh directory under the OS temp dir, removed by `removeDir` or, if the run is interrupted, by `runCleanups`. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `silta-bench-${prefix}-`));
  dirs.add(dir);
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitForOk(url: string, child: ChildProcess, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited early (${child.exitCode ?? child.signalCode})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) {
        await res.arrayBuffer();
        return;
      }
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs} ms`);
}

export interface Child {
  readonly pid: number;
  readonly url: string;
  readonly port: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess, graceMs = 10_000): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      running.delete(child);
      return;
    }
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
    if (timedOut) {
      child.kill('SIGKILL');
      await exited;
    }
    running.delete(child);
  };
}

function startLogged(command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string, logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', fd, fd] });
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    running.add(child);
    return child;
  } finally {
    closeSync(fd);
  }
}

export interface SiltaServerOptions {
  readonly dataDir: string;
  /** Directory with an index.html the server serves as the app (the benchmark page). */
  readonly staticDir?: string;
  readonly databaseUrl?: string;
}

/**
 * The real server: `node dist/server/main.js` with the environment `npm start` reads. Its request log (pino, as in
 * production) goes to a file in the data directory rather than through a pipe back to this process. The store must
 * already hold the benchmark account (account.ts): every /api route but health needs a session.
 */
export async function startSiltaServer(options: SiltaServerOptions): Promise<Child> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', SILTA_DATA_DIR: options.dataDir, SILTA_DEMO: 'off', SILTA_SIGN_INS_PER_MINUTE: String(BENCH_SIGN_INS_PER_MINUTE) };
  delete env['NODE_ENV'];
  if (options.staticDir !== undefined) env['SILTA_STATIC_DIR'] = options.staticDir;
  if (options.databaseUrl !== undefined) env['DATABASE_URL'] = options.databaseUrl;
  else delete env['DATABASE_URL'];
  const logFile = join(options.dataDir, 'server.log');
  const child = startLogged(process.execPath, [resolve('dist/server/main.js')], env, process.cwd(), logFile);
  const url = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitForOk(`${url}/api/health`, child, 'Silta server');
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: child.pid ?? 0, url, port, logFile, stop };
}

/** pouchdb-server in memory (memdown) on loopback, its config and log in a temp dir of its own. */
export async function startPouchServer(): Promise<Child & { dir: string }> {
  const dir = await tempDir('pouch');
  const port = await freePort();
  const bin = resolve('node_modules/pouchdb-server/bin/pouchdb-server');
  const args = [bin, '--in-memory', '--port', String(port), '--host', '127.0.0.1', '--dir', dir, '--config', join(dir, 'config.json'), '--no-stdout-logs'];
  const logFile = join(dir, 'stdout.log');
  const child = startLogged(process.execPath, args, { ...process.env }, dir, logFile);
  const url = `http://127.0.0.1:${port}`;
  // In memory: nothing to flush, and it ignores SIGTERM for a while, so it gets a short grace.
  const stopChild = stopper(child, 1_000);
  const stop = async () => {
    await stopChild();
    await removeDir(dir);
  };
  try {
    await waitForOk(`${url}/`, child, 'pouchdb-server');
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: child.pid ?? 0, url, port, logFile, dir, stop };
}

/** Kills whatever is still running (by PID), synchronously: used on exit and on a signal. */
export function killAllSync(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  running.clear();
}
