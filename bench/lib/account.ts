/**
 * The benchmark's account: a counsellor serving both municipalities (so every seeded client is in reach), made
 * with the built admin CLI as an operator would, before the server opens the database.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { signInOverHttp, type HttpSession } from '../../tests/support/signIn.ts';

export const BENCH_ACCOUNT = {
  username: 'bench.counsellor',
  displayName: 'Bench Counsellor',
  password: 'benchmark password, not a secret',
  pin: '482916',
} as const;

/** Every device of a run signs in from 127.0.0.1, so the server's per-address limit is raised this far. */
export const BENCH_SIGN_INS_PER_MINUTE = 10_000;

export interface StoreLocation {
  readonly dataDir: string;
  readonly databaseUrl?: string;
}

/** `node dist/server/admin.js create-account …` against the store, the password on standard input. */
export function createBenchAccount({ dataDir, databaseUrl }: StoreLocation): Promise<void> {
  const args = [
    resolve('dist/server/admin.js'),
    'create-account',
    '--username', BENCH_ACCOUNT.username,
    '--role', 'counsellor',
    '--name', BENCH_ACCOUNT.displayName,
    '--municipality', 'kyrkslatt',
    '--municipality', 'sjundea',
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, SILTA_DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', SILTA_DEMO: 'off' };
  // Building the benchmark pages with vite set NODE_ENV=production in this process, which the server refuses.
  delete env['NODE_ENV'];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`admin create-account exited with ${code}:\n${output}`))));
    child.stdin.end(`${BENCH_ACCOUNT.password}\n`);
  });
}

/** A device signing in to a running server from Node: its session cookie and a fetch that carries it. */
export function signInDevice(url: string, deviceId: string): Promise<HttpSession> {
  return signInOverHttp(url, { username: BENCH_ACCOUNT.username, password: BENCH_ACCOUNT.password, deviceId, deviceName: 'benchmark' });
}
