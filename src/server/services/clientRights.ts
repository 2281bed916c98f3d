/**
 * The data subject's rights over one client's records: export everything held, or erase it. Both are decided by
 * `mayActOnDataSubjectRights`, and both leave one audit row per record they touch, without content.
 *
 * Erasure turns every record of the client into a tombstone (no data, no stamps) with a new sequence number, in one
 * write transaction with its audit rows and the client's `erased_at`. The tombstones reach every device that may hold
 * copies through the ordinary pull, and the devices purge what they have of the client when they apply them. The
 * audit log keeps its rows: it holds no content, and the municipality must be able to show who handled the data.
 */
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type ClientExport, type ErasureResponse } from '#shared/schema/clientRights.ts';
import { serializeHlc } from '#shared/sync/hlc.ts';
import type { Store, StoredRecord } from '../store/types.ts';
import { mayActOnDataSubjectRights } from './access.ts';
import type { Actor } from './actor.ts';
import { auditEntry, type AuditContext } from './auditEntries.ts';

export type RightsOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: 'forbidden' };

const forbidden = { ok: false, code: 'forbidden' } as const;

/** The device part of a stamp the server makes itself (the system actor has no device). */
const SERVER_DEVICE = '0'.repeat(16);

function auditContext(actor: Actor, now: Date): AuditContext {
  return { actor, systemDeviceId: 'system', now };
}

function clientFirst(records: readonly StoredRecord[], clientId: string): StoredRecord[] {
  return [...records.filter((r) => r.id === clientId), ...records.filter((r) => r.id !== clientId)];
}

export async function exportClient(store: Store, actor: Actor, clientId: string, now = new Date()): Promise<RightsOutcome<ClientExport>> {
  const records = await store.read(async (tx) => {
    const [scope] = await tx.clientScopes([clientId]);
    return mayActOnDataSubjectRights(actor, scope) ? tx.recordsOfClient(clientId) : null;
  });
  if (records === null) return forbidden;
  const held = clientFirst(
    records.filter((r) => r.deleted === null),
    clientId,
  );
  // Logged before the answer leaves, as a pull is: no client data goes out without its rows.
  const context = auditContext(actor, now);
  await store.audit.append(held.map((r) => auditEntry(context, 'export', { recordType: r.type, recordId: r.id, clientId })));
  return {
    ok: true,
    value: {
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      clientId,
      exportedAt: now.toISOString(),
      records: held.map((r) => ({ type: r.type, id: r.id, data: r.data, stamps: r.stamps })),
    },
  };
}

export async function eraseClient(store: Store, actor: Actor, clientId: string, now = new Date()): Promise<RightsOutcome<ErasureResponse>> {
  return store.write(async (tx) => {
    const [scope] = await tx.clientScopes([clientId]);
    if (!mayActOnDataSubjectRights(actor, scope)) return forbidden;
    const deleted = serializeHlc({ wall: now.getTime(), counter: 0, deviceId: actor.kind === 'account' ? actor.deviceId : SERVER_DEVICE });
    const live = (await tx.recordsOfClient(clientId)).filter((r) => r.deleted === null);
    const tombstones = live.map((r) => ({ ...r, data: {}, stamps: {}, deleted, seq: tx.nextSeq() }));
    await tx.upsertRecords(tombstones);
    if (scope?.erased !== true) await tx.markClientErased(clientId, now.toISOString());
    const context = auditContext(actor, now);
    await tx.appendAudit(tombstones.map((r) => auditEntry(context, 'erase', { recordType: r.type, recordId: r.id, clientId })));
    return { ok: true, value: { erased: tombstones.length } };
  });
}
