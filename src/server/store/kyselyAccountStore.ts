/**
 * The AccountStore over Kysely, the same queries on SQLite and PostgreSQL. Times are stored as ISO UTC text and
 * read back as Dates; every value read is checked against what the code can mean (role, municipality, end reason).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { roles, type Role } from '#shared/schema/auth.ts';
import { municipalities, type Municipality } from '#shared/schema/common.ts';
import type {
  Account,
  AccountChanges,
  AccountStore,
  Device,
  Session,
  SessionEndReason,
  SessionWithOwner,
} from './accountStore.ts';
import { sessionEndReasons } from './accountStore.ts';
import { appendAudit } from './kyselyAuditStore.ts';
import { toSafeInteger } from './rows.ts';
import type { AccountsTable, Database, DevicesTable, SessionsTable } from './schema.ts';

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date === null ? null : date.toISOString());
const dateOrNull = (text: string | null) => (text === null ? null : new Date(text));

function oneOf<T extends string>(allowed: readonly T[], value: string, what: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`unknown ${what} in store: ${value}`);
  return value as T;
}

function municipalitiesFrom(json: string): Municipality[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error(`municipalities in store is not a list: ${json}`);
  return parsed.map((m) => oneOf(municipalities, String(m), 'municipality'));
}

function accountFromRow(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: oneOf<Role>(roles, row.role, 'role'),
    municipalities: municipalitiesFrom(row.municipalities),
    clientId: row.client_id,
    passwordHash: row.password_hash,
    failedSignIns: toSafeInteger(row.failed_sign_ins),
    lockedUntil: dateOrNull(row.locked_until),
    disabledAt: dateOrNull(row.disabled_at),
    createdAt: new Date(row.created_at),
  };
}

function accountToRow(account: Account): Selectable<AccountsTable> {
  return {
    id: account.id,
    username: account.username,
    display_name: account.displayName,
    role: account.role,
    municipalities: JSON.stringify(account.municipalities),
    client_id: account.clientId,
    password_hash: account.passwordHash,
    failed_sign_ins: account.failedSignIns,
    locked_until: isoOrNull(account.lockedUntil),
    disabled_at: isoOrNull(account.disabledAt),
    created_at: iso(account.createdAt),
  };
}

function accountChangesToRow(changes: AccountChanges): Partial<Selectable<AccountsTable>> {
  return {
    ...(changes.displayName !== undefined && { display_name: changes.displayName }),
    ...(changes.role !== undefined && { role: changes.role }),
    ...(changes.municipalities !== undefined && { municipalities: JSON.stringify(changes.municipalities) }),
    ...(changes.clientId !== undefined && { client_id: changes.clientId }),
    ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
    ...(changes.failedSignIns !== undefined && { failed_sign_ins: changes.failedSignIns }),
    ...(changes.lockedUntil !== undefined && { locked_until: isoOrNull(changes.lockedUntil) }),
    ...(changes.disabledAt !== undefined && { disabled_at: isoOrNull(changes.disabledAt) }),
  };
}

function deviceFromRow(row: Selectable<DevicesTable>): Device {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    secret: row.secret,
    recoveryKey: row.recovery_key,
    registeredAt: new Date(row.registered_at),
    lastSeenAt: new Date(row.last_seen_at),
    revokedAt: dateOrNull(row.revoked_at),
  };
}

function deviceToRow(device: Device): Selectable<DevicesTable> {
  return {
    id: device.id,
    account_id: device.accountId,
    name: device.name,
    secret: device.secret,
    recovery_key: device.recoveryKey,
    registered_at: iso(device.registeredAt),
    last_seen_at: iso(device.lastSeenAt),
    revoked_at: isoOrNull(device.revokedAt),
  };
}

function sessionFromRow(row: Selectable<SessionsTable>): Session {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    accountId: row.account_id,
    deviceId: row.device_id,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    endedAt: dateOrNull(row.ended_at),
    endReason: row.end_reason === null ? null : oneOf<SessionEndReason>(sessionEndReasons, row.end_reason, 'session end reason'),
  };
}

function sessionToRow(session: Session): Selectable<SessionsTable> {
  return {
    id: session.id,
    token_hash: session.tokenHash,
    account_id: session.accountId,
    device_id: session.deviceId,
    created_at: iso(session.createdAt),
    last_seen_at: iso(session.lastSeenAt),
    expires_at: iso(session.expiresAt),
    ended_at: isoOrNull(session.endedAt),
    end_reason: session.endReason,
  };
}

/** Prefixes that keep the three tables' columns apart in the one query every authenticated request makes. */
function splitJoined(row: Record<string, unknown>): SessionWithOwner {
  const part = (prefix: string) =>
    Object.fromEntries(Object.entries(row).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  return {
    session: sessionFromRow(part('s__') as unknown as Selectable<SessionsTable>),
    account: accountFromRow(part('a__') as unknown as Selectable<AccountsTable>),
    device: deviceFromRow(part('d__') as unknown as Selectable<DevicesTable>),
  };
}

const prefixed = (alias: string, columns: readonly string[]) => columns.map((c) => sql.ref(`${alias}.${c}`).as(`${alias}__${c}`));
const SESSION_COLUMNS = ['id', 'token_hash', 'account_id', 'device_id', 'created_at', 'last_seen_at', 'expires_at', 'ended_at', 'end_reason'];
const ACCOUNT_COLUMNS = [
  'id', 'username', 'display_name', 'role', 'municipalities', 'client_id', 'password_hash', 'failed_sign_ins',
  'locked_until', 'disabled_at', 'created_at',
];
const DEVICE_COLUMNS = ['id', 'account_id', 'name', 'secret', 'recovery_key', 'registered_at', 'last_seen_at', 'revoked_at'];

export function createKyselyAccountStore(db: Kysely<Database>): AccountStore {
  return {
    transaction(work) {
      return db.transaction().execute((trx) => work(createKyselyAccountStore(trx)));
    },

    async appendAudit(entries) {
      await appendAudit(db, entries);
    },

    async insertAccount(account) {
      const result = await db
        .insertInto('accounts')
        .values(accountToRow(account))
        .onConflict((oc) => oc.column('username').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async accountById(id) {
      const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return row && accountFromRow(row);
    },

    async accountByUsername(username) {
      const row = await db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
      return row && accountFromRow(row);
    },

    async listAccounts() {
      const rows = await db.selectFrom('accounts').selectAll().orderBy('username').execute();
      return rows.map(accountFromRow);
    },

    async countAccounts() {
      const row = await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return toSafeInteger(row.n);
    },

    async updateAccount(id, changes) {
      const values = accountChangesToRow(changes);
      if (Object.keys(values).length > 0) await db.updateTable('accounts').set(values).where('id', '=', id).execute();
      return this.accountById(id);
    },

    async recordFailedSignIn(id, limit, lockUntil) {
      // The right-hand sides read the row as it was before this statement, on both dialects.
      const reachesLimit = sql<boolean>`failed_sign_ins + 1 >= ${limit}`;
      await db
        .updateTable('accounts')
        .set({
          failed_sign_ins: sql<number>`CASE WHEN ${reachesLimit} THEN 0 ELSE failed_sign_ins + 1 END`,
          locked_until: sql<string | null>`CASE WHEN ${reachesLimit} THEN ${iso(lockUntil)} ELSE locked_until END`,
        })
        .where('id', '=', id)
        .execute();
    },

    async insertDevice(device) {
      const result = await db
        .insertInto('devices')
        .values(deviceToRow(device))
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async deviceById(id) {
      const row = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
      return row && deviceFromRow(row);
    },

    async listDevices() {
      const rows = await db.selectFrom('devices').selectAll().orderBy('registered_at', 'desc').orderBy('id').execute();
      return rows.map(deviceFromRow);
    },

    async updateDevice(id, changes) {
      const values = {
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.lastSeenAt !== undefined && { last_seen_at: iso(changes.lastSeenAt) }),
        ...(changes.revokedAt !== undefined && { revoked_at: isoOrNull(changes.revokedAt) }),
      };
      if (Object.keys(values).length > 0) await db.updateTable('devices').set(values).where('id', '=', id).execute();
      return this.deviceById(id);
    },

    async insertSession(session) {
      await db.insertInto('sessions').values(sessionToRow(session)).execute();
    },

    async sessionByTokenHash(tokenHash) {
      const row = await db
        .selectFrom('sessions as s')
        .innerJoin('accounts as a', 'a.id', 's.account_id')
        .innerJoin('devices as d', 'd.id', 's.device_id')
        .select([...prefixed('s', SESSION_COLUMNS), ...prefixed('a', ACCOUNT_COLUMNS), ...prefixed('d', DEVICE_COLUMNS)])
        .where('s.token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row && splitJoined(row);
    },

    async touchSession(session, at) {
      await db.updateTable('sessions').set({ last_seen_at: iso(at) }).where('id', '=', session.id).execute();
      await db.updateTable('devices').set({ last_seen_at: iso(at) }).where('id', '=', session.deviceId).execute();
    },

    async endSessions(selector, at, reason) {
      const result = await db
        .updateTable('sessions')
        .set({ ended_at: iso(at), end_reason: reason })
        .$call((qb) =>
          'sessionId' in selector
            ? qb.where('id', '=', selector.sessionId)
            : 'accountId' in selector
              ? qb.where('account_id', '=', selector.accountId)
              : qb.where('device_id', '=', selector.deviceId),
        )
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
