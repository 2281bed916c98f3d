/**
 * Applies one pushed batch in one write transaction: read the batch's records, the entry ids already seen and the
 * scopes of the clients involved, decide and apply each entry in order with the shared merge, then write every
 * changed record (with a new sequence number), the conflict records the merge produced, each entry's outcome, the
 * clients' new scopes and one audit row per applied entry. Idempotent by entry id: an entry seen before answers
 * `duplicate` (or the same rejection) and changes nothing.
 */
import { PROTOCOL_VERSION, type ChangeEntry, type PushRequest, type PushResponse, type PushResult } from '#shared/schema/sync.ts';
import type { AuditEntry } from '#shared/schema/audit.ts';
import { owningClientId } from '#shared/schema/recordType.ts';
import { applyChange, sameJson, type ApplyOutcome, type ConflictDraft, type RecordState } from '#shared/sync/merge.ts';
import type { AppliedChange, Store, StoredRecord, WriteTx } from '../store/types.ts';
import { canRead, canWrite, readSubject, type Subject } from './access.ts';
import type { Actor } from './actor.ts';
import { auditEntry, type AuditContext } from './auditEntries.ts';
import { BatchScopes } from './batchScopes.ts';
import { conflictRecord } from './conflicts.ts';
import { validateEntry } from './validateEntry.ts';

/** The client an entry names by itself: a client's own id, or the `clientId` in a note's or conflict's data. */
function namedClientId(entry: ChangeEntry): string | null {
  return owningClientId(entry.recordType, entry.recordId, entry.op === 'delete' ? {} : entry.data);
}

function writeSubject(entry: ChangeEntry, current: StoredRecord | undefined, scopes: BatchScopes): Subject {
  const ids = [...new Set([current?.clientId ?? null, namedClientId(entry)].filter((id) => id !== null))];
  return {
    recordId: entry.recordId,
    exists: current !== undefined,
    clients: ids.length === 0 ? [undefined] : ids.map((id) => scopes.get(id)),
    homeMunicipality: entry.recordType === 'client' && entry.op !== 'delete' ? entry.data['homeMunicipality'] : undefined,
  };
}

function decide(actor: Actor, entry: ChangeEntry, current: StoredRecord | undefined, scopes: BatchScopes): ApplyOutcome {
  if (current !== undefined && current.type !== entry.recordType) {
    // One id is one record for its whole life; an entry may not turn a client into a note. Said only to those who
    // may see the record: to anyone else its existence is not to be revealed.
    const visible = canRead(actor, current.type, readSubject(current.id, current.clientId, (id) => scopes.get(id)));
    return { status: 'rejected', code: visible ? 'badRequest' : 'forbidden' };
  }
  // The value checks look at the entry alone, so answering them first tells nothing about stored records, and a
  // malformed value is called what it is rather than `forbidden`.
  const code = validateEntry(entry) ?? canWrite(actor, entry, writeSubject(entry, current, scopes));
  return code !== null ? { status: 'rejected', code } : applyChange(current, entry);
}

function sameState(a: RecordState | undefined, b: RecordState): boolean {
  return a !== undefined && a.deleted === b.deleted && sameJson(a.data, b.data) && sameJson(a.stamps, b.stamps);
}

function answerFor(prior: AppliedChange): PushResult {
  // A retried entry hears what it heard the first time, so a device can drop it from its log either way.
  return prior.status === 'applied'
    ? { id: prior.entryId, status: 'duplicate' }
    : { id: prior.entryId, status: 'rejected', code: prior.code ?? 'badRequest' };
}

async function applyBatch(tx: WriteTx, actor: Actor, request: PushRequest, now: Date): Promise<PushResult[]> {
  const { entries, deviceId } = request;
  const records = new Map<string, StoredRecord>();
  for (const r of await tx.findRecords([...new Set(entries.map((e) => e.recordId))])) records.set(r.id, r);
  const seen = new Map<string, AppliedChange>();
  for (const a of await tx.findAppliedChanges([...new Set(entries.map((e) => e.id))])) seen.set(a.entryId, a);
  const involved = entries.flatMap((e) => [records.get(e.recordId)?.clientId ?? null, namedClientId(e)]);
  const scopes = new BatchScopes(await tx.clientScopes(involved.filter((id) => id !== null)));

  const audit: AuditContext = { actor, systemDeviceId: deviceId, now };
  const changed = new Set<string>();
  const drafts: ConflictDraft[] = [];
  const outcomes: AppliedChange[] = [];
  const results: PushResult[] = [];
  const auditEntries: AuditEntry[] = [];
  for (const entry of entries) {
    const prior = seen.get(entry.id);
    if (prior !== undefined) {
      results.push(answerFor(prior));
      continue;
    }
    const current = records.get(entry.recordId);
    const outcome = decide(actor, entry, current, scopes);
    const base = { entryId: entry.id, deviceId, recordId: entry.recordId, seq: null };
    const done: AppliedChange =
      outcome.status === 'applied' ? { ...base, status: 'applied', code: null } : { ...base, status: 'rejected', code: outcome.code };
    if (outcome.status === 'applied') {
      // A tombstone has no data left to name its client, but access control still needs it.
      const clientId = owningClientId(outcome.state.type, outcome.state.id, outcome.state.data) ?? current?.clientId ?? null;
      if (!sameState(current, outcome.state)) {
        records.set(entry.recordId, { ...outcome.state, clientId, seq: current?.seq ?? 0 });
        changed.add(entry.recordId);
        if (outcome.state.type === 'client') scopes.applyClientState(outcome.state);
      }
      drafts.push(...outcome.conflicts);
      auditEntries.push(auditEntry(audit, 'change', { recordType: entry.recordType, recordId: entry.recordId, clientId }));
    }
    seen.set(entry.id, done);
    outcomes.push(done);
    results.push(outcome.status === 'applied' ? { id: entry.id, status: 'applied' } : answerFor(done));
  }

  // A moved client's earlier records get new numbers before this batch's writes take theirs, so devices that can
  // now see the client pull its whole history after their cursor. Devices that can no longer see it stop receiving
  // its changes, and remove it after their next pull's access check.
  const moved = scopes.moved();
  await tx.resequenceClients(moved.map((m) => m.clientId));
  if (scopes.movedAway()) tx.narrowAccess();
  const writes: StoredRecord[] = [];
  for (const id of changed) {
    const record = records.get(id);
    if (record !== undefined) writes.push({ ...record, seq: tx.nextSeq() });
  }
  const seqOf = new Map(writes.map((w) => [w.id, w.seq]));
  for (const draft of drafts) {
    const conflict = conflictRecord(draft, () => tx.nextSeq());
    if (conflict !== null) writes.push(conflict);
  }
  await tx.upsertRecords(writes);
  await tx.setClientMunicipalities(moved);
  await tx.insertAppliedChanges(
    outcomes.map((o) => (o.status === 'applied' ? { ...o, seq: seqOf.get(o.recordId) ?? null } : o)),
  );
  await tx.appendAudit(auditEntries);
  return results;
}

/** Applies a push that already passed the wire schema. Results are in request order, one per entry. */
export async function applyPush(store: Store, actor: Actor, request: PushRequest): Promise<PushResponse> {
  const results = await store.write((tx) => applyBatch(tx, actor, request, new Date()));
  return { v: PROTOCOL_VERSION, results };
}
