/**
 * The one storage interface the services use. Its two implementations (SQLite, PostgreSQL) share all query code
 * through Kysely; only how the connection is opened differs (see sqlite.ts, postgres.ts).
 */
import type { RequestErrorCode } from '#shared/errors.ts';
import type { RecordState } from '#shared/sync/merge.ts';

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

/** Which records an actor may read, as a filter the database applies so paging stays exact. */
export type ReadScope = { readonly kind: 'all' } | { readonly kind: 'clients'; readonly clientIds: readonly string[] };

/** Work inside one write transaction. Sequence numbers come from `nextSeq`, which the transaction owns. */
export interface WriteTx {
  nextSeq(): number;
  findRecords(ids: readonly string[]): Promise<StoredRecord[]>;
  findAppliedChanges(entryIds: readonly string[]): Promise<AppliedChange[]>;
  upsertRecords(records: readonly StoredRecord[]): Promise<void>;
  insertAppliedChanges(changes: readonly AppliedChange[]): Promise<void>;
}

/** Reads from one consistent snapshot. */
export interface ReadTx {
  /** Records with seq > cursor in seq order, at most `limit`. */
  recordsAfter(cursor: number, limit: number, scope: ReadScope): Promise<StoredRecord[]>;
  countAfter(cursor: number, scope: ReadScope): Promise<number>;
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
