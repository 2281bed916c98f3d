/**
 * The real server as a child process: built with the project's server Vite config into a private folder (so a
 * concurrent build of dist/ is not disturbed), started by its binary, and killed by its own PID.
 */
import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
  });
}

/** Bundles the server and the admin CLI; the folder sits inside the repository so the bundle finds node_modules. */
export async function buildServer(): Promise<{ mainJs: string; adminJs: string; remove(): Promise<void> }> {
  await mkdir(join(ROOT, '.tmp'), { recursive: true });
  const outDir = await mkdtemp(join(ROOT, '.tmp', 'server-build-'));
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--config', 'vite.server.config.ts', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await waitForExit(child);
  if (code !== 0) throw new Error(`server build failed (${String(code)}):\n${output}`);
  return { mainJs: join(outDir, 'main.js'), adminJs: join(outDir, 'admin.js'), remove: () => rm(outDir, { recursive: true, force: true }) };
}

export interface ServerProcess {
  readonly origin: string;
  readonly output: () => string;
  /** Sends a signal and waits for the process to end; resolves with its exit code (null when killed). */
  signal(signal: NodeJS.Signals): Promise<number | null>;
}

export interface ServerEnv {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
  readonly extra?: Readonly<Record<string, string>>;
}

const running = new Set<ChildProcess>();

/** SIGKILLs every server this module started that is still running, so none outlives the test run. */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...running].map((child) => {
      const exited = waitForExit(child);
      child.kill('SIGKILL');
      return exited;
    }),
  );
}

export function runServer(mainJs: string, env: ServerEnv): { child: ChildProcessByStdio<null, Readable, Readable>; output: () => string } {
  const child = spawn(process.execPath, [mainJs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      SILTA_DATA_DIR: env.dataDir,
      SILTA_DEMO: 'off',
      SILTA_STATIC_DIR: join(env.dataDir, 'no-client'),
      ...(env.databaseUrl ? { DATABASE_URL: env.databaseUrl } : {}),
      ...env.extra,
    },
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  return waitForExit(child);
}

/** Starts the server and resolves once it says where it listens. */
export async function startServer(mainJs: string, env: ServerEnv): Promise<ServerProcess> {
  const { child, output } = runServer(mainJs, env);
  const port = await new Promise<number>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      done();
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output()}`));
    }, 30_000);
    const onData = () => {
      const match = /Silta is running on http:\/\/localhost:(\d+)/.exec(output());
      if (match) {
        done();
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`server exited with ${String(code)} before listening:\n${output()}`));
    };
    child.stdout.on('data', onData);
    child.on('exit', onExit);
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    output,
    async signal(signal) {
      const exited = waitForExit(child);
      child.kill(signal);
      return exited;
    },
  };
}

export type ServerBuild = Awaited<ReturnType<typeof buildServer>>;

/**
 * One server build for a test file, made before its tests and removed after them, with every server the file
 * started stopped. Call at the top of the file; the function it returns gives the build inside a test.
 */
export function serverBuildPerFile(): () => ServerBuild {
  let build: ServerBuild | undefined;
  beforeAll(async () => {
    build = await buildServer();
  });
  afterAll(async () => {
    await killAllServers();
    await build?.remove();
  });
  return () => {
    if (build === undefined) throw new Error('the server build is made in beforeAll');
    return build;
  };
}
