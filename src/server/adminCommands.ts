/**
 * The admin CLI's commands: the way to make the first admin account, and to set a password or disable an account
 * when no admin can sign in. They go through the same services and schemas as the admin API.
 */
import { parseArgs } from 'node:util';
import errorTexts from '../../locales/en/errors.json';
import { createAccountRequest } from '#shared/schema/admin.ts';
import { newPassword, username as usernameSchema } from '#shared/schema/auth.ts';
import type { ErrorCode } from '#shared/errors.ts';
import { createAccount, listAccounts, setDisabled, setPassword, toAccountDetails, type AccountOutcome } from './services/accounts.ts';
import type { AdminActionBy } from './services/adminAudit.ts';
import { systemActor } from './services/actor.ts';
import type { Store } from './store/types.ts';

export const ADMIN_USAGE = `Usage: npm run admin -- <command> [options]   (or: node dist/server/admin.js <command> [options])

Commands:
  create-account --username NAME --role ROLE --name "DISPLAY NAME" [--municipality CODE]... [--client-id ID]
  set-password   --username NAME
  disable        --username NAME      (also ends every session of the account)
  enable         --username NAME      (also lifts a lockout)
  list

create-account and set-password read the password from the first line of standard input, for example
  printf '%s\\n' "$PASSWORD" | npm run admin -- set-password --username anna
Roles: counsellor, municipalStaff, partner, coordinator, admin, client. Municipalities: kyrkslatt, sjundea.
The database is the server's own: DATABASE_URL, or SILTA_DATA_DIR for SQLite (default ./data).`;

export interface AdminIo {
  readonly readPassword: () => Promise<string>;
  readonly out: (line: string) => void;
  readonly now: () => Date;
}

/** 0 done, 1 refused (bad value, unknown account), 2 not understood. */
export type ExitCode = 0 | 1 | 2;

export class UsageError extends Error {}

const texts: Readonly<Record<string, string>> = errorTexts;
const describe = (code: ErrorCode) => texts[code] ?? code;

function parse(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        username: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        municipality: { type: 'string', multiple: true },
        'client-id': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Where the audit log says the CLI's changes came from: it runs as the system, without a device. */
const CLI_DEVICE = 'admin-cli';

function byCli(io: AdminIo): AdminActionBy {
  return { actor: systemActor, now: io.now(), systemDevice: CLI_DEVICE };
}

function report(outcome: AccountOutcome, io: AdminIo, done: string): ExitCode {
  if (outcome.ok) {
    io.out(done.replace('{username}', outcome.account.username));
    return 0;
  }
  const fields = Object.entries(outcome.fields ?? {});
  if (fields.length === 0) io.out(`Refused: ${describe(outcome.code)}`);
  for (const [field, code] of fields) io.out(`Refused: ${field}: ${describe(code)}`);
  return 1;
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}

async function accountIdOf(store: Store, name: string | undefined, io: AdminIo): Promise<string | undefined> {
  if (name === undefined) throw new UsageError('--username is required');
  const parsed = usernameSchema.safeParse(name);
  const account = parsed.success ? await store.accounts.accountByUsername(parsed.data) : undefined;
  if (!account) io.out(`No account is called "${name}".`);
  return account?.id;
}

export async function runAdminCommand(store: Store, args: readonly string[], io: AdminIo): Promise<ExitCode> {
  const { values, positionals } = parse(args);
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra.join(' ')}`);
  switch (command) {
    case 'create-account': {
      const parsed = createAccountRequest.safeParse({
        username: values.username,
        displayName: values.name,
        role: values.role,
        municipalities: values.municipality ?? [],
        clientId: values['client-id'] ?? null,
        password: await io.readPassword(),
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) io.out(`Refused: ${String(issue.path[0])}: ${describe(issue.message as ErrorCode)}`);
        return 1;
      }
      return report(await createAccount(store, parsed.data, byCli(io)), io, `Created account "{username}" (${parsed.data.role}).`);
    }
    case 'set-password': {
      const id = await accountIdOf(store, values.username, io);
      if (id === undefined) return 1;
      const password = newPassword.safeParse(await io.readPassword());
      if (!password.success) {
        io.out(`Refused: password: ${describe(password.error.issues[0]?.message as ErrorCode)}`);
        return 1;
      }
      return report(await setPassword(store, id, password.data, byCli(io)), io, 'Password of "{username}" set.');
    }
    case 'disable':
    case 'enable': {
      const id = await accountIdOf(store, values.username, io);
      if (id === undefined) return 1;
      const disabled = command === 'disable';
      return report(await setDisabled(store, id, disabled, byCli(io)), io, `Account "{username}" ${disabled ? 'disabled' : 'enabled'}.`);
    }
    case 'list': {
      const now = io.now();
      const rows = (await listAccounts(store)).map((account) => {
        const a = toAccountDetails(account, now);
        const status = a.disabled ? 'disabled' : a.lockedUntil !== null ? `locked until ${a.lockedUntil}` : 'active';
        return [a.username, a.role, a.municipalities.join(',') || '-', status, a.displayName];
      });
      for (const line of table([['username', 'role', 'municipalities', 'status', 'name'], ...rows])) io.out(line);
      return 0;
    }
    default:
      throw new UsageError(command === undefined ? 'no command given' : `unknown command: ${command}`);
  }
}
