/**
 * Sends the change log to the server, oldest first, in batches of at most MAX_PUSH_ENTRIES (one request, one server
 * transaction each). An entry leaves the log only once the server has answered for it; a lost response means the
 * batch is sent again, which the server recognises by entry id.
 */
import { MAX_PUSH_ENTRIES } from '#shared/schema/sync.ts';
import type { SiltaDb } from '../db/database.ts';
import { acknowledge, oldestUnsynced } from '../db/changeLog.ts';
import { deviceId } from '../db/deviceClock.ts';
import { recordRejections } from '../db/rejectionsRepo.ts';
import type { SyncTransport } from './transport.ts';

export async function pushChanges(db: SiltaDb, transport: SyncTransport, onProgress: (sent: number) => void = () => {}): Promise<number> {
  const device = await deviceId(db);
  let sent = 0;
  for (;;) {
    const batch = await oldestUnsynced(db, MAX_PUSH_ENTRIES);
    if (batch.length === 0) return sent;
    const response = await transport.push(device, batch);
    const answered = new Set(response.results.map((r) => r.id));
    const rejected = response.results.filter((r) => r.status === 'rejected');
    await db.transaction('rw', [db.changes, db.rejections], async () => {
      await recordRejections(db, batch, rejected);
      await acknowledge(db, [...answered]);
    });
    sent += answered.size;
    onProgress(sent);
    // A server that answers for none of the batch would make this loop forever; stop and retry on the next sync.
    if (answered.size === 0) return sent;
  }
}
