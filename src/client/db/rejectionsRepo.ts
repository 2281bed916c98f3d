import type { ChangeEntry, PushResult } from '#shared/schema/sync.ts';
import type { RejectionRow, SiltaDb } from './database.ts';

export async function recordRejections(db: SiltaDb, batch: readonly ChangeEntry[], rejected: readonly PushResult[]): Promise<void> {
  if (rejected.length === 0) return;
  const byId = new Map(batch.map((e) => [e.id, e]));
  const rows: RejectionRow[] = [];
  for (const r of rejected) {
    const entry = byId.get(r.id);
    if (entry) rows.push({ id: r.id, entry, code: r.code ?? 'badRequest', at: Date.now() });
  }
  await db.rejections.bulkPut(rows);
}

export function listRejections(db: SiltaDb): Promise<RejectionRow[]> {
  return db.rejections.orderBy('at').reverse().toArray();
}

export async function dismissRejections(db: SiltaDb): Promise<void> {
  await db.rejections.clear();
}
