/**
 * Unsaved form input, kept on the device while a person types, so that a reload (an app update, a crash, a closed
 * tab) loses nothing. Drafts never sync; saving the form deletes its draft. What a person typed is sealed like a
 * saved record: a half-written note is as personal as a finished one.
 */
import type { DraftRow, SiltaDb } from './database.ts';
import { cipherOf, isObject, seal, unseal, type RecordCipher } from './recordCipher.ts';
import { beforeClose } from './versionChange.ts';

const TABLE = 'drafts';

export async function sealDraft(cipher: RecordCipher, key: string, value: Record<string, unknown>, savedAt: number): Promise<DraftRow> {
  return { key, sealed: await seal(cipher, TABLE, key, value), savedAt };
}

async function openDraft(cipher: RecordCipher, row: DraftRow): Promise<Record<string, unknown>> {
  if (!('sealed' in row)) return row.value;
  const value = await unseal(cipher, TABLE, row.key, row.sealed);
  if (!isObject(value)) throw new TypeError('A sealed draft has an unknown shape');
  return value;
}

export async function loadDraft(db: SiltaDb, key: string): Promise<Record<string, unknown> | null> {
  const cipher = cipherOf(db);
  const row = await db.drafts.get(key);
  return row === undefined ? null : openDraft(cipher, row);
}

/**
 * Draft writes run one after another, in the order they were asked for. Sealing takes a moment, so without this
 * a save still sealing could be overtaken by the discard that follows it (the form was saved meanwhile) and put
 * the draft back, or by a later save and leave older text.
 */
const queues = new WeakMap<SiltaDb, Promise<unknown>>();

function inOrder(db: SiltaDb, write: () => Promise<unknown>): Promise<void> {
  // A draft still being sealed when another tab upgrades the database is written before this tab lets go of it.
  if (!queues.has(db)) beforeClose(db, () => queues.get(db) ?? Promise.resolve());
  const next = (queues.get(db) ?? Promise.resolve()).catch(() => undefined).then(write);
  queues.set(db, next);
  return next.then(() => undefined);
}

/** Queued as it is called (before its first await), so calls keep their order. */
export async function saveDraft(db: SiltaDb, key: string, value: Record<string, unknown>): Promise<void> {
  const cipher = cipherOf(db);
  const savedAt = Date.now();
  await inOrder(db, async () => db.drafts.put(await sealDraft(cipher, key, value, savedAt)));
}

export async function discardDraft(db: SiltaDb, key: string): Promise<void> {
  await inOrder(db, () => db.drafts.delete(key));
}
