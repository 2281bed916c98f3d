/**
 * The one way a local write reaches IndexedDB: the record's new state and its change-log entry are written in the
 * same transaction, so a record never changes without the sync engine knowing, and a crash leaves neither.
 */
import { uuidv7 } from 'uuidv7';
import type { RecordType } from '#shared/schema/records.ts';
import type { RecordState } from '#shared/sync/merge.ts';
import type { LocalWrite } from '#shared/sync/ops.ts';
import type { Hlc } from '#shared/sync/hlc.ts';
import type { SiltaDb } from './database.ts';
import { nextStamp } from './deviceClock.ts';
import { tableFor, toRow } from './recordTables.ts';

export type WriteBuilder = (current: RecordState | undefined, hlc: Hlc, entryId: string) => LocalWrite | null;

export async function commitWrite(
  db: SiltaDb,
  type: RecordType,
  recordId: string,
  build: WriteBuilder,
  now: () => number = Date.now,
): Promise<RecordState | null> {
  const table = tableFor(db, type);
  return db.transaction('rw', [table, db.changes, db.meta], async () => {
    const current = await table.get(recordId);
    const hlc = await nextStamp(db, now());
    const write = build(current, hlc, uuidv7());
    if (write === null) return null;
    await table.put(toRow(write.state));
    await db.changes.add({ id: write.entry.id, entry: write.entry });
    return write.state;
  });
}
