/**
 * One page of a pull: the records the actor may read whose last change is after the cursor, in sequence order.
 * The cursor returned is the last sequence in the page, so the next pull continues exactly after it. Every
 * client-owned record delivered leaves an audit row.
 */
import { PROTOCOL_VERSION, type PullResponse, type WireRecord, type pullQuery } from '#shared/schema/sync.ts';
import type * as z from 'zod/mini';
import { packStamps } from '#shared/sync/packedStamps.ts';
import type { ClientScope, ReadScope } from '../store/clientAccess.ts';
import type { Store, StoredRecord } from '../store/types.ts';
import { canRead, readScope, readSubject } from './access.ts';
import type { Actor } from './actor.ts';
import { auditEntry } from './auditEntries.ts';

export type PullQuery = z.output<typeof pullQuery>;

function toWire(record: StoredRecord): WireRecord {
  return { type: record.type, id: record.id, data: record.data, ...packStamps(record.data, record.stamps), deleted: record.deleted, seq: record.seq };
}

/** Changes when access may have narrowed anywhere, or when this actor's own scope changed (see the wire schema). */
function accessVersionOf(version: number, scope: ReadScope): string {
  switch (scope.kind) {
    case 'municipalities':
      return `${version}:${scope.kind}:${[...scope.municipalities].sort().join(',')}`;
    case 'record':
      return `${version}:${scope.kind}:${scope.recordId}`;
    default:
      return `${version}:${scope.kind}`;
  }
}

export async function computePull(store: Store, actor: Actor, query: PullQuery): Promise<PullResponse> {
  const scope = readScope(actor);
  const { response, delivered } = await store.read(async (tx) => {
    // One row more than asked tells whether another page exists without a second query.
    const rows = await tx.recordsAfter(query.cursor, query.limit + 1, scope);
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    const cursor = page.at(-1)?.seq ?? query.cursor;
    const remaining = !more ? 0 : query.count ? await tx.countAfter(cursor, scope) : undefined;
    // The scope already filtered in SQL; asking the rules again per record keeps one place deciding, should the
    // two ever drift apart.
    const clientIds = page.flatMap((r) => (r.clientId === null ? [] : [r.clientId]));
    const scopes = new Map<string, ClientScope>(actor.kind === 'system' ? [] : (await tx.clientScopes(clientIds)).map((s) => [s.clientId, s]));
    const readable = page.filter((r) => canRead(actor, r.type, readSubject(r.id, r.clientId, (id) => scopes.get(id))));
    const accessVersion = accessVersionOf(await tx.accessVersion(), scope);
    return { response: { v: PROTOCOL_VERSION, records: readable.map(toWire), cursor, more, remaining, accessVersion }, delivered: readable };
  });
  // Logged after the read in its own small write, without the counter's lock, so pulls never queue behind pushes
  // for it. Should logging fail, the pull fails: no client data leaves without its row.
  const context = { actor, systemDeviceId: 'system', now: new Date() };
  await store.audit.append(
    delivered.flatMap((r) => (r.clientId === null ? [] : [auditEntry(context, 'pull', { recordType: r.type, recordId: r.id, clientId: r.clientId })])),
  );
  return response;
}
