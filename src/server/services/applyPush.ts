/**
 * Applies one pushed batch in one write transaction: read the batch's records and the entry ids already seen,
 * apply each entry in order with the shared merge, then write every changed record (with a new sequence number),
 * the conflict records the merge produced, and each entry's outcome. Idempotent by entry id: an entry seen before
 * answers `duplicate` (or the same rejection) and changes nothing.
 */
import { PROTOCOL_VERSION, type ChangeEntry, type PushRequest, type PushResponse, type PushResult } from '#shared/schema/sync.ts';
import { owningClientId } from '#shared/schema/records.ts';
import { applyChange, sameJson, type ApplyOutcome, type ConflictDraft, type RecordState } from '#shared/sync/merge.ts';
import type { AppliedChange, Store, StoredRecord, WriteTx } from '../store/types.ts';
import { canWrite, type Actor } from './access.ts';
import { conflictRecord } from './conflicts.ts';
import { validateEntry } from './validateEntry.ts';

function decide(actor: Actor, entry: ChangeEntry, current: StoredRecord | undefined): ApplyOutcome {
  // One id is one record for its whole life; an entry may not turn a client into a note.
  if (current !== undefined && current.type !== entry.recordType) return { status: 'rejected', code: 'badRequest' };
  const code = canWrite(actor, entry, current) ?? validateEntry(entry);
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

async function applyBatch(tx: WriteTx, actor: Actor, request: PushRequest): Promise<PushResult[]> {
  const { entries, deviceId } = request;
  const records = new Map<string, StoredRecord>();
  for (const r of await tx.findRecords([...new Set(entries.map((e) => e.recordId))])) records.set(r.id, r);
  const seen = new Map<string, AppliedChange>();
  for (const a of await tx.findAppliedChanges([...new Set(entries.map((e) => e.id))])) seen.set(a.entryId, a);

  const changed = new Set<string>();
  const drafts: ConflictDraft[] = [];
  const outcomes: AppliedChange[] = [];
  const results: PushResult[] = [];
  for (const entry of entries) {
    const prior = seen.get(entry.id);
    if (prior !== undefined) {
      results.push(answerFor(prior));
      continue;
    }
    const current = records.get(entry.recordId);
    const outcome = decide(actor, entry, current);
    const base = { entryId: entry.id, deviceId, recordId: entry.recordId, seq: null };
    const done: AppliedChange =
      outcome.status === 'applied' ? { ...base, status: 'applied', code: null } : { ...base, status: 'rejected', code: outcome.code };
    if (outcome.status === 'applied') {
      if (!sameState(current, outcome.state)) {
        // A tombstone has no data left to name its client, but access control still needs it.
        const clientId = owningClientId(outcome.state.type, outcome.state.id, outcome.state.data) ?? current?.clientId ?? null;
        records.set(entry.recordId, { ...outcome.state, clientId, seq: current?.seq ?? 0 });
        changed.add(entry.recordId);
      }
      drafts.push(...outcome.conflicts);
    }
    seen.set(entry.id, done);
    outcomes.push(done);
    results.push(outcome.status === 'applied' ? { id: entry.id, status: 'applied' } : answerFor(done));
  }

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
  await tx.insertAppliedChanges(
    outcomes.map((o) => (o.status === 'applied' ? { ...o, seq: seqOf.get(o.recordId) ?? null } : o)),
  );
  return results;
}

/** Applies a push that already passed the wire schema. Results are in request order, one per entry. */
export async function applyPush(store: Store, actor: Actor, request: PushRequest): Promise<PushResponse> {
  const results = await store.write((tx) => applyBatch(tx, actor, request));
  return { v: PROTOCOL_VERSION, results };
}
