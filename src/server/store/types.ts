/**
 * The one storage interface the services use. Its two implementations (SQLite, PostgreSQL) share all query code
 * through Kysely; only how the connection is opened differs (see sqlite.ts, postgres.ts).
 */
import type { RequestErrorCode } from '#shared/errors.ts';
import type { RecordState } from '#shared/sync/merge.ts';
import type { AccountStore } from './accountStore.ts';
import type { AuditStore } from './auditStore.ts';
import type { ClientAccessReads, ClientAccessWrites, ReadScope } from './clientAccess.ts';
import type { AuditEntry } from '#shared/schema/audit.ts';

export type { ReadScope } from './clientAccess.ts';

export type StoreKind = 'sqlite' | 'postgres';

/** A record's merged state as stored, with the owning client (for access) and the sequence of its last write. */
export interface StoredRecord extends RecordState {
  readonly clientId: string | null;
  readonly seq: number;
}

/** The outcome of one change entry, kept so that a retry of the same entry id gets the same answer. */
export interface AppliedChange {
  readonly entryId: string;
  readonly deviceId: string;
  readonly recordId: string;
  readonly status: 'applied' | 'rejected';
  readonly code: RequestErrorCode | null;
  readonly seq: number | null;
}

/** Work inside one write transaction. Sequence numbers come from `nextSeq`, which the transaction owns. */
export interface WriteTx extends ClientAccessWrites {
  nextSeq(): number;
  findAppliedChanges(entryIds: readonly string[]): Promise<AppliedChange[]>;
  upsertRecords(records: readonly StoredRecord[]): Promise<void>;
  insertAppliedChanges(changes: readonly AppliedChange[]): Promise<void>;
  /** Audit rows that must commit or roll back with this transaction's changes. */
  appendAudit(entries: readonly AuditEntry[]): Promise<void>;
  /**
   * Someone may have lost read access to a client in this transaction (a move, an assignment taken back): the access
   * version goes up when it commits, which tells devices to ask which of their clients they may still hold.
   */
  narrowAccess(): void;
}

/** Reads from one consistent snapshot. */
export interface ReadTx extends ClientAccessReads {
  /** Records with seq > cursor in seq order, at most `limit`. */
  recordsAfter(cursor: number, limit: number, scope: ReadScope): Promise<StoredRecord[]>;
  countAfter(cursor: number, scope: ReadScope): Promise<number>;
  /** How many times access may have narrowed (see WriteTx.narrowAccess). */
  accessVersion(): Promise<number>;
}

export interface StoreHealth {
  readonly ok: boolean;
  readonly schemaVersion: number | null;
}

export interface MigrationReport {
  /** Names of the migrations this call ran; empty when the database was already up to date. */
  readonly applied: readonly string[];
  readonly schemaVersion: number;
}

export interface Store {
  readonly kind: StoreKind;
  /** Accounts, devices and sessions (see accountStore.ts). */
  readonly accounts: AccountStore;
  /** The audit log: append and query only (see auditStore.ts). */
  readonly audit: AuditStore;
  /** How many write transactions this store has run: lets a test prove one push is one transaction. */
  readonly writeTransactions: number;
  migrate(): Promise<MigrationReport>;
  health(): Promise<StoreHealth>;
  write<T>(work: (tx: WriteTx) => Promise<T>): Promise<T>;
  read<T>(work: (tx: ReadTx) => Promise<T>): Promise<T>;
  /** The last sequence number handed out (0 for an empty store). */
  lastSeq(): Promise<number>;
  countRecords(): Promise<number>;
  close(): Promise<void>;
}
