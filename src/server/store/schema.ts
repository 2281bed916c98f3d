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
}

export interface Database {
  records: RecordsTable;
  applied_changes: AppliedChangesTable;
  sync_state: SyncStateTable;
}
