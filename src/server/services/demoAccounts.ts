/**
 * Demo sign-ins: with the demo on and no accounts yet, one account per role, each with a random password. The
 * passwords are hashed like any other and also written in plain text to `<dataDir>/demo-accounts.json` (mode
 * 0600), so whoever runs the demo, and the end-to-end tests, can sign in. It is a demo: never real people's data.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CreateAccountRequest } from '#shared/schema/admin.ts';
import type { Store } from '../store/types.ts';
import { newAccount } from './accounts.ts';
import { systemActor } from './actor.ts';
import { assignStaff } from './assignments.ts';
import { demoWrites } from './demoData.ts';
import { DEFAULT_DEMO_SEED } from './demoSeed.ts';

export const DEMO_ACCOUNTS_FILE = 'demo-accounts.json';

/** One entry of demo-accounts.json: an account and its password. */
export type DemoSignIn = CreateAccountRequest;

export interface DemoAccountsFile {
  readonly accounts: readonly DemoSignIn[];
}

export interface DemoAccountOptions {
  /** The same moment and seed the demo records were made with, so the client account is the first demo client. */
  readonly now: Date;
  readonly seed?: number;
  readonly dataDir: string;
}

type DemoAccount = Omit<DemoSignIn, 'password'>;

function demoAccounts(firstClientId: string): DemoAccount[] {
  return [
    { username: 'counsellor', displayName: 'Demo Counsellor', role: 'counsellor', municipalities: ['kyrkslatt', 'sjundea'], clientId: null },
    { username: 'counsellor.kyrkslatt', displayName: 'Demo Counsellor (Kyrkslätt)', role: 'counsellor', municipalities: ['kyrkslatt'], clientId: null },
    { username: 'staff.sjundea', displayName: 'Demo Staff (Sjundeå)', role: 'municipalStaff', municipalities: ['sjundea'], clientId: null },
    { username: 'partner', displayName: 'Demo Partner', role: 'partner', municipalities: [], clientId: null },
    { username: 'coordinator', displayName: 'Demo Coordinator', role: 'coordinator', municipalities: ['kyrkslatt'], clientId: null },
    { username: 'admin', displayName: 'Demo Admin', role: 'admin', municipalities: [], clientId: null },
    { username: 'client', displayName: 'Demo Client', role: 'client', municipalities: [], clientId: firstClientId },
  ];
}

/** How many Sjundeå clients the demo staff member is assigned, so that role has something to see. */
export const DEMO_STAFF_ASSIGNMENTS = 3;

function demoClients(options: DemoAccountOptions) {
  return demoWrites(options.now, options.seed ?? DEFAULT_DEMO_SEED).filter((w) => w.recordType === 'client');
}

function firstDemoClientId(options: DemoAccountOptions): string {
  const first = demoClients(options)[0];
  if (!first) throw new Error('the demo data has no client');
  return first.recordId;
}

/** Read from the store, not recomputed: a store seeded on another day holds other demo ids. */
async function sjundeaClientIds(store: Store): Promise<string[]> {
  const records = await store.read((tx) => tx.recordsAfter(0, 1000, { kind: 'all' }));
  return records
    .filter((r) => r.type === 'client' && r.deleted === null && r.data['homeMunicipality'] === 'sjundea')
    .slice(0, DEMO_STAFF_ASSIGNMENTS)
    .map((r) => r.id);
}

/** Thrown inside the transaction to roll it back when another instance seeded the accounts first. */
class AlreadySeeded extends Error {}

export function demoAccountsPath(dataDir: string): string {
  return join(dataDir, DEMO_ACCOUNTS_FILE);
}

/** The demo sign-ins written at seeding, or undefined when this data directory has none. */
export async function readDemoSignIns(dataDir: string): Promise<readonly DemoSignIn[] | undefined> {
  try {
    return (JSON.parse(await readFile(demoAccountsPath(dataDir), 'utf8')) as DemoAccountsFile).accounts;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Creates the demo accounts when the store has no account at all, all of them or none, and writes the file.
 * Answers the sign-ins to show: the new ones, or those of an earlier start (undefined when there are none).
 */
export async function seedDemoAccounts(store: Store, options: DemoAccountOptions): Promise<readonly DemoSignIn[] | undefined> {
  if ((await store.accounts.countAccounts()) > 0) return readDemoSignIns(options.dataDir);
  const signIns: DemoSignIn[] = demoAccounts(firstDemoClientId(options)).map((a) => ({ ...a, password: randomBytes(18).toString('base64url') }));
  const accounts = await Promise.all(signIns.map((s) => newAccount(s, options.now)));
  try {
    await store.accounts.transaction(async (tx) => {
      for (const account of accounts) if (!(await tx.insertAccount(account))) throw new AlreadySeeded();
    });
  } catch (error) {
    if (error instanceof AlreadySeeded) return readDemoSignIns(options.dataDir);
    throw error;
  }
  const staff = accounts.find((a) => a.role === 'municipalStaff');
  if (staff) {
    for (const clientId of await sjundeaClientIds(store)) {
      const outcome = await assignStaff(store, systemActor, { clientId, accountId: staff.id }, options.now);
      if (!outcome.ok) throw new Error(`demo staff assignment refused: ${outcome.code}`);
    }
  }
  const path = demoAccountsPath(options.dataDir);
  const file: DemoAccountsFile = { accounts: signIns };
  await writeFile(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file; an old file keeps its own.
  await chmod(path, 0o600);
  return signIns;
}

/** The table printed at every start. */
export function formatDemoSignIns(signIns: readonly DemoSignIn[], dataDir: string): string {
  const rows = [['username', 'password', 'role', 'municipalities'], ...signIns.map((s) => [s.username, s.password, s.role, s.municipalities.join(', ')])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => `  ${r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd());
  return [`Demo sign-ins (also in ${demoAccountsPath(dataDir)}):`, ...lines].join('\n');
}
