/**
 * Folds one page of record states from the server into the device's tables, in one transaction with the new pull
 * cursor: either the whole page and its cursor are stored, or neither, so an interrupted sync resumes cleanly.
 * Local edits the server has not seen yet carry newer stamps and survive the merge. The local rows are opened and
 * the merged states sealed inside that transaction, through Dexie.waitFor (see commitWrite.ts), so a local write
 * cannot slip in between the read and the write of a row.
 */
import { Dexie } from 'dexie';
import type { RecordType } from '#shared/schema/records.ts';
import type { WireRecord } from '#shared/schema/sync.ts';
import { mergeStates, type RecordState } from '#shared/sync/merge.ts';
import { maxHlc, HLC_ZERO } from '#shared/sync/hlc.ts';
import type { RecordRow, SiltaDb } from './database.ts';
import { observeStamp } from './deviceClock.ts';
import { cipherOf, type RecordCipher } from './recordCipher.ts';
import { openRecord, sealRecord, tableFor } from './recordTables.ts';

const CURSOR_KEY = 'pullCursor';

export async function readCursor(db: SiltaDb): Promise<number> {
  const row = await db.meta.get(CURSOR_KEY);
  return typeof row?.value === 'number' ? row.value : 0;
}

function toState(r: WireRecord): RecordState {
  return { type: r.type, id: r.id, data: r.data, stamps: r.stamps, deleted: r.deleted };
}

async function mergeAndSeal(cipher: RecordCipher, type: RecordType, incoming: WireRecord, local: RecordRow | undefined) {
  const state = toState(incoming);
  return sealRecord(cipher, local === undefined ? state : mergeStates(await openRecord(cipher, type, local), state));
}

export async function applyServerRecords(db: SiltaDb, records: readonly WireRecord[], cursor: number, now = Date.now()): Promise<void> {
  const cipher = cipherOf(db);
  const byType = new Map<RecordType, WireRecord[]>();
  for (const r of records) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  const tables = [...byType.keys()].map((type) => tableFor(db, type));
  await db.transaction('rw', [...tables, db.meta], async () => {
    let newest = HLC_ZERO;
    for (const [type, list] of byType) {
      const table = tableFor(db, type);
      const existing = await table.bulkGet(list.map((r) => r.id));
      for (const r of list) {
        for (const stamp of Object.values(r.stamps)) newest = maxHlc(newest, stamp);
        if (r.deleted) newest = maxHlc(newest, r.deleted);
      }
      const rows = await Dexie.waitFor(Promise.all(list.map((r, i) => mergeAndSeal(cipher, type, r, existing[i]))));
      await table.bulkPut(rows);
    }
    if (newest !== HLC_ZERO) await observeStamp(db, newest, now);
    await db.meta.put({ key: CURSOR_KEY, value: cursor });
  });
}
