/**
 * Changes the server refused, kept until a person has seen them. A refused entry carries what was written, so
 * the entry and its reason are sealed together.
 */
import { Dexie } from 'dexie';
import type { ChangeEntry, PushResult } from '#shared/schema/sync.ts';
import { isChangeEntry } from './changeLog.ts';
import type { RejectionRow, SiltaDb } from './database.ts';
import { cipherOf, isObject, seal, unseal, type RecordCipher } from './recordCipher.ts';

const TABLE = 'rejections';

export interface Rejection {
  readonly id: string;
  readonly entry: ChangeEntry;
  readonly code: string;
  readonly at: number;
}

export async function sealRejection(cipher: RecordCipher, rejection: Rejection): Promise<RejectionRow> {
  const { id, entry, code, at } = rejection;
  return { id, sealed: await seal(cipher, TABLE, id, { entry, code }), at };
}

export async function openRejection(cipher: RecordCipher, row: RejectionRow): Promise<Rejection> {
  if (!('sealed' in row)) return row;
  const content = await unseal(cipher, TABLE, row.id, row.sealed);
  if (!isObject(content) || !isChangeEntry(content['entry']) || typeof content['code'] !== 'string') {
    throw new TypeError('A sealed rejection has an unknown shape');
  }
  return { id: row.id, entry: content['entry'], code: content['code'], at: row.at };
}

/** Called inside the push's transaction, hence Dexie.waitFor around the sealing (see commitWrite.ts). */
export async function recordRejections(db: SiltaDb, batch: readonly ChangeEntry[], rejected: readonly PushResult[]): Promise<void> {
  if (rejected.length === 0) return;
  const cipher = cipherOf(db);
  const byId = new Map(batch.map((e) => [e.id, e]));
  const rejections: Rejection[] = [];
  for (const r of rejected) {
    const entry = byId.get(r.id);
    if (entry) rejections.push({ id: r.id, entry, code: r.code ?? 'badRequest', at: Date.now() });
  }
  const rows = await Dexie.waitFor(Promise.all(rejections.map((r) => sealRejection(cipher, r))));
  await db.rejections.bulkPut(rows);
}

export async function listRejections(db: SiltaDb): Promise<Rejection[]> {
  const cipher = cipherOf(db);
  const rows = await db.rejections.orderBy('at').reverse().toArray();
  return Promise.all(rows.map((row) => openRejection(cipher, row)));
}

export async function dismissRejections(db: SiltaDb): Promise<void> {
  await db.rejections.clear();
}
