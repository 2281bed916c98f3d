/**
 * The one way a local write reaches IndexedDB: the record's new state and its change-log entry are written in the
 * same transaction, so a record never changes without the sync engine knowing, and a crash leaves neither.
 *
 * Both are sealed inside that transaction: the state depends on the clock stamp, which is taken there. WebCrypto
 * is not an IndexedDB request, and a transaction with no request pending commits by itself, so every crypto step
 * inside it goes through Dexie.waitFor, which keeps the transaction alive until the step is done.
 */
import { Dexie } from 'dexie';
import { uuidv7 } from 'uuidv7';
import type { RecordType } from '#shared/schema/records.ts';
import type { RecordState } from '#shared/sync/merge.ts';
import type { LocalWrite } from '#shared/sync/ops.ts';
import type { Hlc } from '#shared/sync/hlc.ts';
import type { SiltaDb } from './database.ts';
import { sealChange } from './changeLog.ts';
import { nextStamp } from './deviceClock.ts';
import { cipherOf } from './recordCipher.ts';
import { openRecord, peekRecord, sealRecord, tableFor } from './recordTables.ts';

export type WriteBuilder = (current: RecordState | undefined, hlc: Hlc, entryId: string) => LocalWrite | null;

export async function commitWrite(
  db: SiltaDb,
  type: RecordType,
  recordId: string,
  build: WriteBuilder,
  now: () => number = Date.now,
): Promise<RecordState | null> {
  const cipher = cipherOf(db);
  const table = tableFor(db, type);
  return db.transaction('rw', [table, db.changes, db.meta], async () => {
    // Requests of one transaction run in order anyway; issuing them together saves a round trip each.
    const [row, hlc] = await Promise.all([table.get(recordId), nextStamp(db, now())]);
    const current = row && (peekRecord(cipher, type, row) ?? (await Dexie.waitFor(openRecord(cipher, type, row))));
    const write = build(current, hlc, uuidv7());
    if (write === null) return null;
    const [stored, change] = await Dexie.waitFor(Promise.all([sealRecord(cipher, write.state), sealChange(cipher, write.entry)]));
    await Promise.all([table.put(stored), db.changes.add(change)]);
    return write.state;
  });
}
