/**
 * Rows written before version 4 are plain text, and an upgrade cannot seal them: it runs when the database opens,
 * before anyone has unlocked. So the upgrade only marks that plain rows exist, and the first unlock afterwards
 * seals them, table by table in chunks. Until then they are read as they are (every reader accepts both forms),
 * so nothing is unreadable in between; a pass cut short (a lock, a closed tab) leaves the mark and the next
 * unlock continues. Nothing writes a plain row any more, so a row still plain when its chunk is written back is
 * unchanged since it was read; a row deleted or rewritten meanwhile is left as it now is.
 */
import type { IndexableType, Table, Transaction } from 'dexie';
import type { ChangeRow, DraftRow, RecordRow, RejectionRow, SiltaDb } from './database.ts';
import { sealChange } from './changeLog.ts';
import { sealDraft } from './draftsRepo.ts';
import { cipherOf, type RecordCipher } from './recordCipher.ts';
import { openRecord, sealRecord, tableFor } from './recordTables.ts';
import { sealRejection } from './rejectionsRepo.ts';

const PENDING_KEY = 'plainRowsPending';
const CHUNK = 500;

/** The version-4 upgrade: the database held data of an older version, so plain rows may exist. */
export async function markPlainRows(tx: Transaction): Promise<void> {
  await tx.table('meta').put({ key: PENDING_KEY, value: true });
}

export async function hasPlainRows(db: SiltaDb): Promise<boolean> {
  return (await db.meta.get(PENDING_KEY))?.value === true;
}

function isPlain(row: object | undefined): boolean {
  return row !== undefined && !('sealed' in row);
}

/** Seals a plain row; null for a row that is sealed already. */
type RowSealer<Row> = (cipher: RecordCipher, row: Row) => Promise<Row> | null;

/** Seals the plain rows of one table, reading it once in primary-key order. */
async function sealTable<Row extends object>(db: SiltaDb, table: Table<Row, IndexableType>, sealRow: RowSealer<Row>): Promise<void> {
  const keyPath = table.schema.primKey.keyPath as string;
  const keyOf = (row: Row) => (row as Record<string, IndexableType>)[keyPath] as IndexableType;
  let after: IndexableType | undefined;
  for (;;) {
    const rows = await (after === undefined ? table.orderBy(':id') : table.where(':id').above(after)).limit(CHUNK).toArray();
    const last = rows.at(-1);
    if (last === undefined) return;
    after = keyOf(last);
    // Looked up for each chunk, so locking the app stops the pass (DataLockedError) instead of sealing on.
    const cipher = cipherOf(db);
    const keys: IndexableType[] = [];
    const pending: Promise<Row>[] = [];
    for (const row of rows) {
      const sealing = sealRow(cipher, row);
      if (sealing === null) continue;
      keys.push(keyOf(row));
      pending.push(sealing);
    }
    if (pending.length === 0) continue;
    const sealed = await Promise.all(pending);
    await db.transaction('rw', table, async () => {
      const now = await table.bulkGet(keys);
      await table.bulkPut(sealed.filter((_, i) => isPlain(now[i])));
    });
  }
}

/** Seals every plain row left by an older version, then drops the mark. Safe to run more than once at a time. */
export async function sealPlainRows(db: SiltaDb): Promise<void> {
  if (!(await hasPlainRows(db))) return;
  for (const type of ['client', 'note', 'conflict'] as const) {
    await sealTable(db, db.table<RecordRow, IndexableType>(tableFor(db, type).name), (cipher, row) =>
      'sealed' in row ? null : openRecord(cipher, type, row).then((state) => sealRecord(cipher, state)),
    );
  }
  await sealTable(db, db.table<ChangeRow, IndexableType>('changes'), (cipher, row) =>
    'entry' in row ? sealChange(cipher, row.entry).then((sealed) => ({ ...sealed, seq: row.seq })) : null,
  );
  await sealTable(db, db.table<DraftRow, IndexableType>('drafts'), (cipher, row) =>
    'value' in row ? sealDraft(cipher, row.key, row.value, row.savedAt) : null,
  );
  await sealTable(db, db.table<RejectionRow, IndexableType>('rejections'), (cipher, row) =>
    'entry' in row ? sealRejection(cipher, row) : null,
  );
  await db.meta.delete(PENDING_KEY);
}
