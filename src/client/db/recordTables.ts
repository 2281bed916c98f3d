import type { RecordType } from '#shared/schema/records.ts';
import type { RecordState } from '#shared/sync/merge.ts';
import type { RecordRow, SiltaDb } from './database.ts';

/** Where each record type lives on the device. A new record type adds a table and a line here. */
export function tableFor(db: SiltaDb, type: RecordType) {
  switch (type) {
    case 'client':
      return db.clients;
    case 'note':
      return db.notes;
    case 'conflict':
      return db.conflicts;
  }
}

/** The stored row: the state plus the index fields its table needs. */
export function toRow(state: RecordState): RecordRow {
  const row: RecordRow = { ...state };
  const clientId = state.data['clientId'];
  if (typeof clientId === 'string') row.clientId = clientId;
  const occurredAt = state.data['occurredAt'];
  if (state.type === 'note' && typeof occurredAt === 'string') row.occurredAt = occurredAt;
  return row;
}
