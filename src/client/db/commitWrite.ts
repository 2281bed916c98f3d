/**
 * The one way a local write reaches IndexedDB: the record's new state and its change-log entry are written in the
 * same transaction, so a record never changes without the sync engine knowing, and a crash leaves neither.
 *
 * Both are sealed with WebCrypto, which is not an IndexedDB request: a transaction with no request pending commits
 * by itself, so crypto inside one has to go through Dexie.waitFor, which keeps it alive with dummy requests and
 * costs more than the write. A write is therefore prepared ahead: built on the record as this tab last read it
 * and on a clock stamp taken ahead, and sealed, before its transaction starts; the transaction (a native one, see
 * nativeWrite.ts) then only checks that neither has moved (the row still has the IV it was read with, the clock is
 * still before the stamp) and writes. If one has moved (another tab, or a pulled page, wrote meanwhile) the write
 * is built again inside a Dexie transaction, as it is when the caller's own transaction is open already.
 */
import { Dexie } from 'dexie';
import { uuidv7 } from 'uuidv7';
import type { RecordType } from '#shared/schema/records.ts';
import type { RecordState } from '#shared/sync/merge.ts';
import type { LocalWrite } from '#shared/sync/ops.ts';
import { serializeHlc, type Hlc } from '#shared/sync/hlc.ts';
import type { RecordRow, SiltaDb } from './database.ts';
import { sealChange } from './changeLog.ts';
import { claimStamp, nextStamp, stampAhead } from './deviceClock.ts';
import { nativeWrite } from './nativeWrite.ts';
import { cipherOf, type RecordCipher } from './recordCipher.ts';
import { isSealedWith, lastRead, openRecord, peekRecord, sealRecord, tableFor, tableNameOf } from './recordTables.ts';

export type WriteBuilder = (current: RecordState | undefined, hlc: Hlc, entryId: string) => LocalWrite | null;

const MOVED = Symbol('moved');

export async function commitWrite(
  db: SiltaDb,
  type: RecordType,
  recordId: string,
  build: WriteBuilder,
  now: () => number = Date.now,
): Promise<RecordState | null> {
  const cipher = cipherOf(db);
  if (Dexie.currentTransaction === null) {
    const prepared = await commitPrepared(db, cipher, type, recordId, build, now);
    if (prepared !== MOVED) return prepared;
  }
  return commitInside(db, cipher, type, recordId, build, now);
}

async function commitPrepared(
  db: SiltaDb,
  cipher: RecordCipher,
  type: RecordType,
  recordId: string,
  build: WriteBuilder,
  now: () => number,
): Promise<RecordState | null | typeof MOVED> {
  const next = await stampAhead(db, now());
  if (next === undefined) return MOVED;
  const base = lastRead(cipher, type, recordId);
  const write = build(base?.state, serializeHlc(next), uuidv7());
  // Nothing to write may only mean that the record is not in the cache: the transaction decides, from the row.
  if (write === null) return MOVED;
  const [stored, change] = await Promise.all([sealRecord(cipher, write.state), sealChange(cipher, write.entry)]);
  const table = tableNameOf(type);
  const done = await nativeWrite(db, [table, 'changes', 'meta'], async (native) => {
    const [row, claimed] = await Promise.all([native.get<RecordRow>(table, recordId), claimStamp(db, native, next)]);
    if (!claimed || !isSealedWith(row, base?.iv)) return MOVED;
    await Promise.all([native.put(table, stored, row), native.add('changes', change)]);
    return write.state;
  });
  return done === undefined ? MOVED : done.value;
}

async function commitInside(
  db: SiltaDb,
  cipher: RecordCipher,
  type: RecordType,
  recordId: string,
  build: WriteBuilder,
  now: () => number,
): Promise<RecordState | null> {
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
