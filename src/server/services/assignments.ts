/**
 * Assigning municipal staff to clients. An assignment gives a member of staff the client and its notes and
 * conflicts; adding one re-sequences the client's records in the same transaction, so the staff member's devices
 * pull the client's whole history after their cursor. Removing one takes access away from then on: the devices keep
 * the copies they pulled until a purge mechanism exists, and receive no further changes.
 */
import type { RequestErrorCode } from '#shared/errors.ts';
import type { AssignmentParams } from '#shared/schema/assignments.ts';
import { SYSTEM_ACCOUNT_ID } from '#shared/schema/audit.ts';
import type { Store } from '../store/types.ts';
import { mayAssign } from './access.ts';
import type { Actor } from './actor.ts';

export type AssignmentOutcome = { readonly ok: true; readonly changed: boolean } | { readonly ok: false; readonly code: RequestErrorCode };

const forbidden: AssignmentOutcome = { ok: false, code: 'forbidden' };

export async function assignStaff(store: Store, actor: Actor, { clientId, accountId }: AssignmentParams, now = new Date()): Promise<AssignmentOutcome> {
  const account = await store.accounts.accountById(accountId);
  return store.write(async (tx) => {
    // The client first: whoever may not manage it learns nothing, not even whether the account exists.
    const [scope] = await tx.clientScopes([clientId]);
    if (!mayAssign(actor, scope)) return forbidden;
    if (account?.role !== 'municipalStaff' || account.disabledAt !== null) return { ok: false, code: 'notFound' };
    const assignedBy = actor.kind === 'account' ? actor.accountId : SYSTEM_ACCOUNT_ID;
    const changed = await tx.addAssignment({ clientId, accountId, assignedBy, assignedAt: now.toISOString() });
    if (changed) await tx.resequenceClients([clientId]);
    return { ok: true, changed };
  });
}

export async function unassignStaff(store: Store, actor: Actor, { clientId, accountId }: AssignmentParams): Promise<AssignmentOutcome> {
  return store.write(async (tx) => {
    const [scope] = await tx.clientScopes([clientId]);
    if (!mayAssign(actor, scope)) return forbidden;
    const changed = await tx.removeAssignment(clientId, accountId);
    if (changed) tx.narrowAccess();
    return { ok: true, changed };
  });
}
