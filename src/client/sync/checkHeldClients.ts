/**
 * After a pull, asks the server which of the clients on this device its account may no longer read, and removes
 * them. Pulls deliver only what the account may read, so without this a tablet would keep a client for good after
 * the assignment was taken back or the client moved out of the counsellor's municipalities.
 *
 * The check sends every held client id (10 requests for a caseload of 10,000), so it runs only when the pull's
 * access version differs from the one the last check was made under, and once a day in any case: that also covers
 * access changed behind the server's back, such as an operator's edit in the database.
 */
import { MAX_ACCESS_CHECK } from '#shared/schema/sync.ts';
import type { SiltaDb } from '../db/database.ts';
import { heldClientIds, removeClients } from '../db/purgeClients.ts';
import { readAccessCheck, saveAccessCheck, type AccessCheckMark } from '../db/syncMeta.ts';
import type { SyncTransport } from './transport.ts';

export const ACCESS_CHECK_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export function accessCheckDue(last: AccessCheckMark | null, accessVersion: string, now: number): boolean {
  return last === null || last.accessVersion !== accessVersion || now - last.at >= ACCESS_CHECK_MAX_AGE_MS || now < last.at;
}

/** Answers how many clients were removed, so the person can be told. */
export async function checkHeldClients(db: SiltaDb, transport: SyncTransport, accessVersion: string, now = Date.now()): Promise<number> {
  if (!accessCheckDue(await readAccessCheck(db), accessVersion, now)) return 0;
  const held = await heldClientIds(db);
  const unreadable = new Set<string>();
  for (let i = 0; i < held.length; i += MAX_ACCESS_CHECK) {
    for (const id of (await transport.checkAccess(held.slice(i, i + MAX_ACCESS_CHECK))).unreadable) unreadable.add(id);
  }
  await removeClients(db, unreadable);
  await saveAccessCheck(db, { accessVersion, at: now });
  return unreadable.size;
}
