import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { municipalities } from '#shared/schema/common.ts';

/**
 * What access control needs in SQL, and the audit log.
 *
 * - `client_access`: each client's home municipality. A note's municipality is its client's, and a client can move,
 *   so pulls filter by `client_id IN (SELECT … FROM client_access …)` instead of reading it from each record. Every
 *   push keeps it in step inside its transaction; here it is filled from the client records already stored.
 * - `client_assignments`: the clients each member of municipal staff works on.
 * - `audit_log` (Act 906/2019 §17): append-only. Triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL), so
 *   not even a bug in the server can rewrite the log; only a database administrator dropping the triggers could.
 */
type BackfillTables = {
  records: { id: string; type: string; data: string; deleted: string | null };
  client_access: { client_id: string; municipality: string };
};

const BACKFILL_CHUNK = 500;

function homeMunicipalityOf(data: string): string | undefined {
  const value: unknown = (JSON.parse(data) as Record<string, unknown>)['homeMunicipality'];
  return typeof value === 'string' && (municipalities as readonly string[]).includes(value) ? value : undefined;
}

async function backfillClientAccess(db: Kysely<BackfillTables>): Promise<void> {
  // A deleted client's data is gone, municipality included: its records stay visible to the system actor only.
  const clients = await db.selectFrom('records').select(['id', 'data']).where('type', '=', 'client').where('deleted', 'is', null).execute();
  const rows = clients.flatMap((c) => {
    const municipality = homeMunicipalityOf(c.data);
    return municipality === undefined ? [] : [{ client_id: c.id, municipality }];
  });
  for (let i = 0; i < rows.length; i += BACKFILL_CHUNK) {
    await db.insertInto('client_access').values(rows.slice(i, i + BACKFILL_CHUNK)).execute();
  }
}

async function makeAuditLogAppendOnly(db: Kysely<unknown>): Promise<void> {
  // Trigger syntax is the one thing the two dialects do not share. The adapter is how Kysely itself tells them apart.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db);
    await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    // TRUNCATE skips row triggers, so it needs its own.
    await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    return;
  }
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('client_access')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('municipality', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('client_access_municipality').on('client_access').column('municipality').execute();
  await backfillClientAccess(db.withTables<BackfillTables>());

  await db.schema
    .createTable('client_assignments')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('client_assignments_pk', ['client_id', 'account_id'])
    .execute();
  // A member of staff's pull asks "which clients are mine" on every page.
  await db.schema.createIndex('client_assignments_account_id').on('client_assignments').column('account_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('logged_at', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .execute();
  // The admin's questions: everything in a period, one person's use, one client's records.
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_log_account_id').on('audit_log').columns(['account_id', 'at']).execute();
  await db.schema.createIndex('audit_log_client_id').on('audit_log').columns(['client_id', 'at']).execute();
  await makeAuditLogAppendOnly(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`DROP FUNCTION audit_log_append_only()`.execute(db);
  await db.schema.dropTable('client_assignments').execute();
  await db.schema.dropTable('client_access').execute();
}
