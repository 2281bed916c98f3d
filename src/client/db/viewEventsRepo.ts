/**
 * Records shown to the user on this device, queued for the server's audit log (Act 906/2019 §17): reads happen
 * offline too, so they wait here until the next sync delivers them. An event holds ids and a time, no content, the
 * same as the server's log row; its id, made here, makes delivery idempotent.
 */
import { uuidv7 } from 'uuidv7';
import type { ViewEvent } from '#shared/schema/audit.ts';
import type { RecordType } from '#shared/schema/records.ts';
import type { SiltaDb } from './database.ts';

export async function recordView(db: SiltaDb, recordType: RecordType, recordId: string, clientId: string, at = new Date()): Promise<void> {
  await db.viewEvents.add({ id: uuidv7(), action: 'view', recordType, recordId, clientId, at: at.toISOString() });
}

export function oldestViews(db: SiltaDb, limit: number): Promise<ViewEvent[]> {
  return db.viewEvents.orderBy('id').limit(limit).toArray();
}

/** Drops events the server has answered for, logged or refused alike: either way they are its business now. */
export async function forgetViews(db: SiltaDb, ids: readonly string[]): Promise<void> {
  await db.viewEvents.bulkDelete([...ids]);
}
