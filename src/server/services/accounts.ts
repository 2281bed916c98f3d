/**
 * Managing accounts: create, change, set a password, disable and enable, list. Used by the admin routes and the
 * admin CLI alike; input has passed the shared admin schemas before it gets here.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorCode, RequestErrorCode } from '#shared/errors.ts';
import { roleFieldsIssue, type AccountDetails, type CreateAccountRequest, type UpdateAccountRequest } from '#shared/schema/admin.ts';
import type { AccountSummary } from '#shared/schema/auth.ts';
import type { Account, AccountChanges } from '../store/accountStore.ts';
import type { Store } from '../store/types.ts';
import { adminActionEntry, type AdminActionBy } from './adminAudit.ts';
import { hashPassword } from './passwords.ts';

export type AccountRefusal = Extract<RequestErrorCode, 'badRequest' | 'notFound' | 'usernameTaken'>;

export type AccountOutcome =
  | { readonly ok: true; readonly account: Account }
  | { readonly ok: false; readonly code: AccountRefusal; readonly fields?: Readonly<Record<string, ErrorCode>> };

const notFound: AccountOutcome = { ok: false, code: 'notFound' };

export function toAccountSummary(account: Account): AccountSummary {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    municipalities: [...account.municipalities],
    clientId: account.clientId,
  };
}

export function toAccountDetails(account: Account, now: Date): AccountDetails {
  const locked = account.lockedUntil !== null && account.lockedUntil > now;
  return {
    ...toAccountSummary(account),
    disabled: account.disabledAt !== null,
    lockedUntil: locked && account.lockedUntil ? account.lockedUntil.toISOString() : null,
    createdAt: account.createdAt.toISOString(),
  };
}

function roleMismatch(fields: Pick<Account, 'role' | 'municipalities' | 'clientId'>): AccountOutcome | null {
  const issue = roleFieldsIssue(fields);
  return issue && { ok: false, code: 'badRequest', fields: { [issue.field]: issue.code } };
}

/** A new account as it will be stored, its password hashed; nothing is written yet. */
export async function newAccount(input: CreateAccountRequest, now: Date): Promise<Account> {
  return {
    id: randomUUID(),
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    municipalities: input.municipalities,
    clientId: input.clientId,
    passwordHash: await hashPassword(input.password),
    failedSignIns: 0,
    lockedUntil: null,
    disabledAt: null,
    createdAt: now,
  };
}

export async function createAccount(store: Store, input: CreateAccountRequest, by: AdminActionBy): Promise<AccountOutcome> {
  const mismatch = roleMismatch(input);
  if (mismatch) return mismatch;
  const account = await newAccount(input, by.now);
  return store.accounts.transaction(async (tx) => {
    if (!(await tx.insertAccount(account))) return { ok: false, code: 'usernameTaken', fields: { username: 'usernameTaken' } };
    await tx.appendAudit([adminActionEntry(by, 'createAccount', account.id)]);
    return { ok: true, account };
  });
}

/** A new password also lifts a lockout: whoever set it knows who is signing in. */
export async function setPassword(store: Store, accountId: string, password: string, by: AdminActionBy): Promise<AccountOutcome> {
  const passwordHash = await hashPassword(password);
  return store.accounts.transaction(async (tx) => {
    const account = await tx.updateAccount(accountId, { passwordHash, failedSignIns: 0, lockedUntil: null });
    if (!account) return notFound;
    await tx.appendAudit([adminActionEntry(by, 'updateAccount', account.id)]);
    return { ok: true, account };
  });
}

/**
 * Disabling ends every session of the account in the same transaction, so no request is served for it after the
 * answer. Enabling also lifts a lockout.
 */
export function setDisabled(store: Store, accountId: string, disabled: boolean, by: AdminActionBy): Promise<AccountOutcome> {
  return updateAccount(store, accountId, { disabled }, by);
}

export function updateAccount(store: Store, accountId: string, changes: UpdateAccountRequest, by: AdminActionBy): Promise<AccountOutcome> {
  const { now } = by;
  return store.accounts.transaction(async (tx) => {
    const current = await tx.accountById(accountId);
    if (!current) return notFound;
    const mismatch = roleMismatch({
      role: changes.role ?? current.role,
      municipalities: changes.municipalities ?? current.municipalities,
      clientId: changes.clientId === undefined ? current.clientId : changes.clientId,
    });
    if (mismatch) return mismatch;
    const { disabled, ...fields } = changes;
    const disabling = disabled === true && current.disabledAt === null;
    const update: AccountChanges = {
      ...fields,
      ...(disabling && { disabledAt: now }),
      ...(disabled === false && { disabledAt: null, failedSignIns: 0, lockedUntil: null }),
    };
    if (disabling) await tx.endSessions({ accountId }, now, 'accountDisabled');
    const account = await tx.updateAccount(accountId, update);
    if (!account) return notFound;
    await tx.appendAudit([adminActionEntry(by, 'updateAccount', account.id)]);
    return { ok: true, account };
  });
}

export function listAccounts(store: Store): Promise<Account[]> {
  return store.accounts.listAccounts();
}
