/**
 * Where accounts, their devices and their sessions are kept: `store.accounts`, on the same database as the
 * records. Plain reads and writes; what they mean (lockout, expiry, which device may sign in) is decided in
 * services/accounts.ts and services/sessions.ts.
 */
import type { AuditEntry } from '#shared/schema/audit.ts';
import type { Role } from '#shared/schema/auth.ts';
import type { Municipality } from '#shared/schema/common.ts';

export interface Account {
  readonly id: string;
  /** Lower case, unique. */
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly municipalities: readonly Municipality[];
  /** For the `client` role: the client record this account is. */
  readonly clientId: string | null;
  /** Argon2id, in its own encoded form (algorithm, parameters and salt included). */
  readonly passwordHash: string;
  /** Wrong passwords in a row since the last successful sign-in or lockout. */
  readonly failedSignIns: number;
  readonly lockedUntil: Date | null;
  readonly disabledAt: Date | null;
  readonly createdAt: Date;
}

export interface Device {
  /** The device's own 16-hex id, the one in its clock stamps. */
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  /** 32 random bytes, base64url: combined with the PIN on the device to unlock its data offline. */
  readonly secret: string;
  /** 32 random bytes, base64url: re-opens the device's data after too many wrong PINs; never kept on the device. */
  readonly recoveryKey: string;
  readonly registeredAt: Date;
  readonly lastSeenAt: Date;
  readonly revokedAt: Date | null;
}

export const sessionEndReasons = ['signedOut', 'replaced', 'accountDisabled', 'deviceRevoked'] as const;
export type SessionEndReason = (typeof sessionEndReasons)[number];

export interface Session {
  readonly id: string;
  /** SHA-256 of the token, hex. */
  readonly tokenHash: string;
  readonly accountId: string;
  readonly deviceId: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  /** The absolute end, whatever happens before. */
  readonly expiresAt: Date;
  readonly endedAt: Date | null;
  readonly endReason: SessionEndReason | null;
}

/** A session with the account and device it belongs to, read in one query on every authenticated request. */
export interface SessionWithOwner {
  readonly session: Session;
  readonly account: Account;
  readonly device: Device;
}

export type AccountChanges = Partial<
  Pick<Account, 'displayName' | 'role' | 'municipalities' | 'clientId' | 'passwordHash' | 'failedSignIns' | 'lockedUntil' | 'disabledAt'>
>;

export type DeviceChanges = Partial<Pick<Device, 'name' | 'lastSeenAt' | 'revokedAt'>>;

/** Which open sessions to end. */
export type SessionSelector = { readonly sessionId: string } | { readonly accountId: string } | { readonly deviceId: string };

export interface AccountStore {
  /** Runs `work` in one database transaction; it cannot be nested. */
  transaction<T>(work: (tx: AccountStore) => Promise<T>): Promise<T>;

  /** false when the username is taken (nothing is written). */
  insertAccount(account: Account): Promise<boolean>;
  accountById(id: string): Promise<Account | undefined>;
  accountByUsername(username: string): Promise<Account | undefined>;
  /** Every account, by username. */
  listAccounts(): Promise<Account[]>;
  countAccounts(): Promise<number>;
  /** The account after the change; undefined when there is no such account. */
  updateAccount(id: string, changes: AccountChanges): Promise<Account | undefined>;
  /**
   * Counts one more wrong password, in one statement so concurrent attempts on several servers all count. The
   * attempt that reaches `limit` locks the account until `lockUntil` and starts the count again.
   */
  recordFailedSignIn(id: string, limit: number, lockUntil: Date): Promise<void>;

  /** false when a device with this id exists already (nothing is written). */
  insertDevice(device: Device): Promise<boolean>;
  deviceById(id: string): Promise<Device | undefined>;
  /** Every device, newest registration first. */
  listDevices(): Promise<Device[]>;
  updateDevice(id: string, changes: DeviceChanges): Promise<Device | undefined>;

  insertSession(session: Session): Promise<void>;
  sessionByTokenHash(tokenHash: string): Promise<SessionWithOwner | undefined>;
  /** Moves a session's last activity (and its device's) to `at`. */
  touchSession(session: Session, at: Date): Promise<void>;
  /** Ends the selected sessions that are still open; answers how many. */
  endSessions(selector: SessionSelector, at: Date, reason: SessionEndReason): Promise<number>;

  /** Audit rows for what this does; inside `transaction` they commit or roll back with the account changes. */
  appendAudit(entries: readonly AuditEntry[]): Promise<void>;
}
