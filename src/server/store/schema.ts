import type { ColumnType, Generated } from 'kysely';

/**
 * The database tables as Kysely sees them. Both dialects use the same column types: JSON is stored as text and
 * 64-bit integers come back as numbers from SQLite but as strings from PostgreSQL (pg does not narrow int8), so
 * every bigint read goes through `toSafeInteger` in rows.ts.
 */
type BigIntColumn = ColumnType<number | string, number, number>;

export interface RecordsTable {
  id: string;
  type: string;
  /** The owning client: the unit of access control, kept even after a delete empties `data`. */
  client_id: string | null;
  data: string;
  stamps: string;
  deleted: string | null;
  seq: BigIntColumn;
}

export interface AppliedChangesTable {
  entry_id: string;
  device_id: string;
  record_id: string;
  status: string;
  code: string | null;
  seq: ColumnType<number | string | null, number | null, number | null>;
}

export interface SyncStateTable {
  id: Generated<number>;
  last_seq: BigIntColumn;
  /** See migration 005: goes up whenever someone may have lost read access to a client. */
  access_version: Generated<number>;
}

/** Timestamps of accounts, devices and sessions: ISO 8601 UTC text, which compares as time on both dialects. */
type IsoTime = string;

export interface AccountsTable {
  id: string;
  /** Lower case; unique. */
  username: string;
  display_name: string;
  role: string;
  /** A JSON array of municipality codes. */
  municipalities: string;
  client_id: string | null;
  password_hash: string;
  /** Wrong passwords in a row since the last sign-in or lockout. */
  failed_sign_ins: number;
  locked_until: IsoTime | null;
  disabled_at: IsoTime | null;
  created_at: IsoTime;
}

export interface DevicesTable {
  /** The device's own 16-hex id, the one in its clock stamps. */
  id: string;
  account_id: string;
  name: string;
  secret: string;
  recovery_key: string;
  registered_at: IsoTime;
  last_seen_at: IsoTime;
  revoked_at: IsoTime | null;
}

export interface SessionsTable {
  id: string;
  /** SHA-256 of the session token, hex; the token itself is never stored. */
  token_hash: string;
  account_id: string;
  device_id: string;
  created_at: IsoTime;
  last_seen_at: IsoTime;
  expires_at: IsoTime;
  ended_at: IsoTime | null;
  end_reason: string | null;
}

/** Each client's home municipality, kept in step with its record by every push: the unit of a counsellor's scope. */
export interface ClientAccessTable {
  client_id: string;
  municipality: string;
  /** ISO time of the client's erasure; null while the client exists. */
  erased_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The clients a member of municipal staff is assigned to (who assigned them, and when, for accountability). */
export interface ClientAssignmentsTable {
  client_id: string;
  account_id: string;
  assigned_by: string;
  assigned_at: string;
}

/** Append-only (database triggers refuse UPDATE and DELETE); no column holds record content. */
export interface AuditLogTable {
  id: string;
  at: string;
  logged_at: string;
  account_id: string;
  device_id: string;
  action: string;
  record_type: string;
  record_id: string;
  client_id: string | null;
}

export interface Database {
  records: RecordsTable;
  applied_changes: AppliedChangesTable;
  sync_state: SyncStateTable;
  accounts: AccountsTable;
  devices: DevicesTable;
  sessions: SessionsTable;
  client_access: ClientAccessTable;
  client_assignments: ClientAssignmentsTable;
  audit_log: AuditLogTable;
}
