import { sql, type Kysely } from 'kysely';

/**
 * The first schema. Column types are chosen to mean the same on SQLite and PostgreSQL: text for ids and JSON,
 * bigint for sequence numbers (SQLite gives it integer affinity).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('stamps', 'text', (c) => c.notNull())
    .addColumn('deleted', 'text')
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();
  // Unique: each write takes its own number, so the cursor order is total.
  await db.schema.createIndex('records_seq').on('records').column('seq').unique().execute();
  await db.schema.createIndex('records_client_id').on('records').column('client_id').execute();

  await db.schema
    .createTable('applied_changes')
    .addColumn('entry_id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('seq', 'bigint')
    .execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addCheckConstraint('sync_state_single_row', sql`id = 1`)
    .execute();
  await sql`INSERT INTO sync_state (id, last_seq) VALUES (1, 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sync_state').execute();
  await db.schema.dropTable('applied_changes').execute();
  await db.schema.dropTable('records').execute();
}
