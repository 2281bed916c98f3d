/** Turns the merge's conflict drafts into conflict records: ordinary synced records a person settles in the UI. */
import { uuidv7 } from 'uuidv7';
import { conflictFields, type ConflictFields } from '#shared/schema/conflict.ts';
import type { ConflictDraft, Json } from '#shared/sync/merge.ts';
import type { Hlc } from '#shared/sync/hlc.ts';
import type { StoredRecord } from '../store/types.ts';

/**
 * Null when the draft cannot be a conflict record: conflictFields only knows conflicts on clients, so two devices
 * settling the same conflict differently are decided by last-writer-wins alone rather than by a conflict about a
 * conflict.
 */
export function conflictRecord(draft: ConflictDraft, seq: () => number): StoredRecord | null {
  const candidate = {
    recordType: draft.recordType,
    recordId: draft.recordId,
    clientId: draft.clientId,
    field: draft.field,
    loserValue: draft.loserValue,
    loserHlc: draft.loserHlc,
    winnerHlc: draft.winnerHlc,
    resolution: 'open',
  } satisfies Record<keyof ConflictFields, Json>;
  if (!conflictFields.safeParse(candidate).success) return null;
  // Stamped with the winner's stamp, which does not depend on which of the two edits reached the server first.
  const stamps: Record<string, Hlc> = {};
  for (const field of Object.keys(candidate)) stamps[field] = draft.winnerHlc;
  return { type: 'conflict', id: uuidv7(), clientId: draft.clientId, data: candidate, stamps, deleted: null, seq: seq() };
}
