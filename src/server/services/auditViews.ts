/**
 * Logs the views a device reports (`POST /api/audit/events`). Only a view of a record the actor may read is logged,
 * and only as the record really is: the server's type and client must match the event's, so a device cannot log
 * (or probe) records out of its reach. Idempotent by event id.
 */
import type { AuditEntry, AuditEventResult, AuditEventsRequest, AuditEventsResponse, ViewEvent } from '#shared/schema/audit.ts';
import { PROTOCOL_VERSION } from '#shared/schema/sync.ts';
import type { ClientScope } from '../store/clientAccess.ts';
import type { Store, StoredRecord } from '../store/types.ts';
import { canRead, readSubject } from './access.ts';
import type { AccountActor } from './actor.ts';
import { auditEntry } from './auditEntries.ts';

function isReadable(actor: AccountActor, event: ViewEvent, record: StoredRecord | undefined, scopes: ReadonlyMap<string, ClientScope>): boolean {
  return (
    record !== undefined &&
    record.type === event.recordType &&
    record.clientId === event.clientId &&
    canRead(actor, record.type, readSubject(record.id, record.clientId, (id) => scopes.get(id)))
  );
}

export async function logViews(store: Store, actor: AccountActor, request: AuditEventsRequest): Promise<AuditEventsResponse> {
  const { records, scopes } = await store.read(async (tx) => {
    const found = await tx.findRecords(request.events.map((e) => e.recordId));
    const clientScopes = await tx.clientScopes(found.flatMap((r) => (r.clientId === null ? [] : [r.clientId])));
    return { records: new Map(found.map((r) => [r.id, r])), scopes: new Map(clientScopes.map((s) => [s.clientId, s])) };
  });

  const context = { actor, systemDeviceId: actor.deviceId, now: new Date() };
  const entries = new Map<string, AuditEntry>();
  const decided = request.events.map((event) => {
    if (!isReadable(actor, event, records.get(event.recordId), scopes)) return { id: event.id, forbidden: true };
    // The second copy of an event in one request is a duplicate of the first.
    const first = !entries.has(event.id);
    if (first) entries.set(event.id, auditEntry(context, 'view', event, { id: event.id, happened: new Date(event.at) }));
    return { id: event.id, forbidden: false, first };
  });
  const appended = new Set(await store.audit.append([...entries.values()]));

  const results = decided.map((d): AuditEventResult => {
    if (d.forbidden) return { id: d.id, status: 'rejected', code: 'forbidden' };
    return { id: d.id, status: d.first === true && appended.has(d.id) ? 'logged' : 'duplicate' };
  });
  return { v: PROTOCOL_VERSION, results };
}
