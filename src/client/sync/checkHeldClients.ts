/**
 * After a pull, asks the server which of the clients on this device its account may no longer read, and removes
 * them. Pulls deliver only what the account may read, so without this a tablet would keep a client for good after
 * the assignment was taken back or the client moved out of the counsellor's municipalities. Answers how many clients
 * were removed, so the person can be told.
 */
import { MAX_ACCESS_CHECK } from '#shared/schema/sync.ts';
import type { SiltaDb } from '../db/database.ts';
import { heldClientIds, removeClients } from '../db/purgeClients.ts';
import type { SyncTransport } from './transport.ts';

export async function checkHeldClients(db: SiltaDb, transport: SyncTransport): Promise<number> {
  const held = await heldClientIds(db);
  const unreadable = new Set<string>();
  for (let i = 0; i < held.length; i += MAX_ACCESS_CHECK) {
    for (const id of (await transport.checkAccess(held.slice(i, i + MAX_ACCESS_CHECK))).unreadable) unreadable.add(id);
  }
  await removeClients(db, unreadable);
  return unreadable.size;
}
