/**
 * Conflicts are records the server writes when two devices changed the same field without seeing each other's
 * edit. Settling one is an ordinary synced write: the chosen value (if it is the other one) and the resolution,
 * together in one transaction.
 */
import type { ConflictFields } from '#shared/schema/conflict.ts';
import { localSet } from '#shared/sync/ops.ts';
import type { SiltaDb } from './database.ts';
import { commitWrite } from './commitWrite.ts';
import { cipherOf } from './recordCipher.ts';
import { openRecords } from './recordTables.ts';

export interface ConflictView {
  readonly id: string;
  readonly fields: ConflictFields;
}

export async function listOpenConflicts(db: SiltaDb, clientId: string): Promise<ConflictView[]> {
  const cipher = cipherOf(db);
  const states = await openRecords(cipher, 'conflict', await db.conflicts.where('clientId').equals(clientId).toArray());
  return states
    .filter((s) => s.deleted === null && s.data['resolution'] === 'open')
    .map((s) => ({ id: s.id, fields: s.data as unknown as ConflictFields }));
}

export async function resolveConflict(db: SiltaDb, conflict: ConflictView, choice: 'keptCurrent' | 'tookOther'): Promise<void> {
  const { recordId, field, loserValue } = conflict.fields;
  await db.transaction('rw', [db.clients, db.conflicts, db.changes, db.meta], async () => {
    if (choice === 'tookOther') {
      await commitWrite(db, 'client', recordId, (current, hlc, entryId) =>
        current ? localSet(current, { [field]: loserValue }, hlc, entryId) : null,
      );
    }
    await commitWrite(db, 'conflict', conflict.id, (current, hlc, entryId) =>
      current ? localSet(current, { resolution: choice }, hlc, entryId) : null,
    );
  });
}
