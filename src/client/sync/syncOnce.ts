/**
 * One full sync: push everything queued, deliver the queued views to the audit log, pull everything new (which
 * brings back the merged result of our own pushes and any conflicts they caused), then remove the clients this
 * account may no longer read (when the server's access version says that may have changed). Reports progress in
 * phases for the progress bar.
 */
import type { SiltaDb } from '../db/database.ts';
import { countUnsynced } from '../db/changeLog.ts';
import { pushChanges } from './pushChanges.ts';
import { checkHeldClients } from './checkHeldClients.ts';
import { pullChanges } from './pullChanges.ts';
import { sendViews } from './sendViews.ts';
import type { SyncTransport } from './transport.ts';

export interface SyncProgress {
  readonly phase: 'push' | 'pull';
  readonly done: number;
  readonly total: number;
}

export interface SyncResult {
  readonly pushed: number;
  readonly pulled: number;
  /** Clients removed from the device because its account may no longer read them. */
  readonly removed: number;
}

export async function syncOnce(db: SiltaDb, transport: SyncTransport, onProgress: (p: SyncProgress) => void = () => {}): Promise<SyncResult> {
  const queued = await countUnsynced(db);
  const pushed = await pushChanges(db, transport, (sent) => onProgress({ phase: 'push', done: sent, total: Math.max(queued, sent) }));
  await sendViews(db, transport);
  const pulled = await pullChanges(db, transport, (p) => onProgress({ phase: 'pull', done: p.received, total: p.total }));
  const removed = await checkHeldClients(db, transport, pulled.accessVersion);
  return { pushed, pulled: pulled.received, removed };
}
