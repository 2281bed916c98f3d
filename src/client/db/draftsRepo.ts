/**
 * Unsaved form input, kept on the device while a person types, so that a reload (an app update, a crash, a closed
 * tab) loses nothing. Drafts never sync; saving the form deletes its draft.
 */
import type { SiltaDb } from './database.ts';

export async function loadDraft(db: SiltaDb, key: string): Promise<Record<string, unknown> | null> {
  return (await db.drafts.get(key))?.value ?? null;
}

export async function saveDraft(db: SiltaDb, key: string, value: Record<string, unknown>): Promise<void> {
  await db.drafts.put({ key, value, savedAt: Date.now() });
}

export async function discardDraft(db: SiltaDb, key: string): Promise<void> {
  await db.drafts.delete(key);
}
