/**
 * One page of a pull: the records the actor may read whose last change is after the cursor, in sequence order.
 * The cursor returned is the last sequence in the page, so the next pull continues exactly after it.
 */
import { PROTOCOL_VERSION, type PullResponse, type WireRecord, type pullQuery } from '#shared/schema/sync.ts';
import type * as z from 'zod/mini';
import type { Store, StoredRecord } from '../store/types.ts';
import { canRead, readScope, type Actor } from './access.ts';

export type PullQuery = z.output<typeof pullQuery>;

function toWire(record: StoredRecord): WireRecord {
  return { type: record.type, id: record.id, data: record.data, stamps: record.stamps, deleted: record.deleted, seq: record.seq };
}

export async function computePull(store: Store, actor: Actor, query: PullQuery): Promise<PullResponse> {
  const scope = readScope(actor);
  return store.read(async (tx) => {
    // One row more than asked tells whether another page exists without a second query.
    const rows = await tx.recordsAfter(query.cursor, query.limit + 1, scope);
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    const cursor = page.at(-1)?.seq ?? query.cursor;
    const remaining = more ? await tx.countAfter(cursor, scope) : 0;
    // The scope already filtered in SQL; asking again per record keeps one rule deciding, should the two drift.
    const records = page.filter((r) => canRead(actor, r.type, r.clientId)).map(toWire);
    return { v: PROTOCOL_VERSION, records, cursor, more, remaining };
  });
}
