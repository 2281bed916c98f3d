/**
 * Folds one page of record states from the server into the device's tables, in one transaction with the new pull
 * cursor: either the whole page and its cursor are stored, or neither, so an interrupted sync resumes cleanly.
 * Local edits the server has not seen yet carry newer stamps and survive the merge. The local rows are opened and
 * the merged states sealed inside that transaction, through Dexie.waitFor (see commitWrite.ts), so a local write
 * cannot slip in between the read and the write of a row. A client's tombstone purges what the device holds of
 * that client in the same transaction (purgeClients.ts).
 */
import { Dexie } from 'dexie';
import type { RecordType } from '#shared/schema/records.ts';
import type { WireRecord } from '#shared/schema/sync.ts';
import { mergeStates, type RecordState } from '#shared/sync/merge.ts';
import { maxHlc, HLC_ZERO } from '#shared/sync/hlc.ts';
import type { RecordRow, SiltaDb } from './database.ts';
import { observeStamp } from './deviceClock.ts';
import { cipherOf, type RecordCipher } from './recordCipher.ts';
import { purgeClients, purgeTables } from './purgeClients.ts';
import { openRecord, sealRecord, tableFor } from './recordTables.ts';

const CURSOR_KEY = 'pullCursor';

export async function readCursor(db: SiltaDb): Promise<number> {
  const row = await db.meta.get(CURSOR_KEY);
  return typeof row?.value === 'number' ? row.value : 0;
}

function toState(r: WireRecord): RecordState {
  return { type: r.type, id: r.id, data: r.data, stamps: r.stamps, deleted: r.deleted };
}

async function merged(cipher: RecordCipher, type: RecordType, incoming: WireRecord, local: RecordRow | undefined): Promise<RecordState> {
  const state = toState(incoming);
  return local === undefined ? state : mergeStates(await openRecord(cipher, type, local), state);
}

/**
 * A deleted note or conflict is simply removed from the device: nothing on the device refers to it, and the server
 * never sends it alive again. A client's tombstone is kept (it holds no content) so the device knows the client is
 * gone rather than never seen.
 */
function keepsTombstone(type: RecordType): boolean {
  return type === 'client';
}

export async function applyServerRecords(db: SiltaDb, records: readonly WireRecord[], cursor: number, now = Date.now()): Promise<void> {
  const cipher = cipherOf(db);
  const byType = new Map<RecordType, WireRecord[]>();
  for (const r of records) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  const tables = [...byType.keys()].map((type) => tableFor(db, type));
  // A client's tombstone means it was erased or deleted on the server: what the device has of it goes too.
  const goneClients = new Set(records.filter((r) => r.type === 'client' && r.deleted !== null).map((r) => r.id));
  const scope = goneClients.size === 0 ? [...tables, db.meta] : [...new Set([...tables, db.meta, ...purgeTables(db)])];
  await db.transaction('rw', scope, async () => {
    let newest = HLC_ZERO;
    for (const [type, list] of byType) {
      const table = tableFor(db, type);
      const existing = await table.bulkGet(list.map((r) => r.id));
      for (const r of list) {
        for (const stamp of Object.values(r.stamps)) newest = maxHlc(newest, stamp);
        if (r.deleted) newest = maxHlc(newest, r.deleted);
      }
      const states = await Dexie.waitFor(Promise.all(list.map((r, i) => merged(cipher, type, r, existing[i]))));
      const removed = states.filter((state) => state.deleted !== null && !keepsTombstone(type));
      const rows = await Dexie.waitFor(Promise.all(states.filter((state) => !removed.includes(state)).map((state) => sealRecord(cipher, state))));
      await table.bulkPut(rows);
      await table.bulkDelete(removed.map((state) => state.id));
    }
    await purgeClients(db, goneClients);
    if (newest !== HLC_ZERO) await observeStamp(db, newest, now);
    await db.meta.put({ key: CURSOR_KEY, value: cursor });
  });
}
