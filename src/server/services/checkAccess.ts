/**
 * Which of the clients a device holds its account may no longer read. Pulls only ever deliver what an account may
 * read, so a device that lost access to a client would otherwise keep its copies for good. Asks the same rules as
 * every pull (access.ts). Reveals nothing new: only ids the device sent come back, and only as "not yours".
 */
import { PROTOCOL_VERSION, type AccessCheckResponse } from '#shared/schema/sync.ts';
import type { Store } from '../store/types.ts';
import { canRead, readSubject } from './access.ts';
import type { Actor } from './actor.ts';

export async function checkAccess(store: Store, actor: Actor, clientIds: readonly string[]): Promise<AccessCheckResponse> {
  const scopes = await store.read((tx) => tx.clientScopes(clientIds));
  const byId = new Map(scopes.map((s) => [s.clientId, s]));
  const unreadable = scopes.filter((s) => !canRead(actor, 'client', readSubject(s.clientId, s.clientId, (id) => byId.get(id)))).map((s) => s.clientId);
  return { v: PROTOCOL_VERSION, unreadable };
}
