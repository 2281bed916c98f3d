import type { Kysely } from 'kysely';

/**
 * A counter that goes up whenever someone may have lost read access to a client they could read before: a client
 * moved to another municipality, an assignment taken back. Pulls hand it to devices, which ask the server about the
 * clients they hold only when it (or their account's scope) changed, instead of after every sync.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sync_state').addColumn('access_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sync_state').dropColumn('access_version').execute();
}
