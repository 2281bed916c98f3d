/**
 * Administrators' actions on accounts and devices, in the audit log beside what is done with client data: whoever
 * created an account, changed its role or municipalities, disabled it, or revoked a device can be named later.
 * Logged after the action succeeded; the row names the account or device acted on and never a password.
 */
import type { AuditAction } from '#shared/schema/audit.ts';
import type { Store } from '../store/types.ts';
import type { Actor } from './actor.ts';
import { auditEntry } from './auditEntries.ts';

export type AdminAction = Extract<AuditAction, 'createAccount' | 'updateAccount' | 'revokeDevice'>;

/** `systemDevice` names where the system actor acted from (the admin CLI), as it has no session. */
export async function logAdminAction(store: Store, actor: Actor, action: AdminAction, subjectId: string, now: Date, systemDevice = 'system'): Promise<void> {
  const recordType = action === 'revokeDevice' ? 'device' : 'account';
  await store.audit.append([auditEntry({ actor, systemDeviceId: systemDevice, now }, action, { recordType, recordId: subjectId, clientId: null })]);
}
