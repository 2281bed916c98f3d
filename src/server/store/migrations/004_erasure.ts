import type { Kysely } from 'kysely';

/**
 * When a client was erased (data subject's right to erasure). The row itself stays: it still routes the erased
 * records' tombstones to every device that may hold copies, and it is how the server refuses any later write for
 * that client, such as a note an offline tablet wrote before the erasure reached it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('client_access').addColumn('erased_at', 'text').execute();
}
