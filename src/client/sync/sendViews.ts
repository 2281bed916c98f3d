/**
 * Delivers the queued views to the audit log, after the push: a view of a record made offline must reach the
 * server after the record does, or the server could not tell it from a view of a record that never existed.
 */
import { MAX_AUDIT_EVENTS } from '#shared/schema/audit.ts';
import type { SiltaDb } from '../db/database.ts';
import { forgetViews, oldestViews } from '../db/viewEventsRepo.ts';
import type { SyncTransport } from './transport.ts';

export async function sendViews(db: SiltaDb, transport: SyncTransport): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = await oldestViews(db, MAX_AUDIT_EVENTS);
    if (batch.length === 0) return sent;
    const { results } = await transport.sendViews(batch);
    await forgetViews(db, results.map((r) => r.id));
    sent += results.length;
    // A server that answers for none of them would make this loop forever; try again at the next sync.
    if (results.length === 0) return sent;
  }
}
