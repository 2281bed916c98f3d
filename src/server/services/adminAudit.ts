/**
 * Administrators' actions on accounts and devices, in the audit log beside what is done with client data: whoever
 * created an account, changed its role or municipalities, disabled it, or revoked a device can be named later.
 * The row is appended in the transaction that makes the change, so there is never one without the other; it names
 * the account or device acted on and never a password.
 */
import type { AuditAction, AuditEntry } from '#shared/schema/audit.ts';
import type { Actor } from './actor.ts';
import { auditEntry } from './auditEntries.ts';

export type AdminAction = Extract<AuditAction, 'createAccount' | 'updateAccount' | 'revokeDevice'>;

/** Who performs an administrative action, and when. */
export interface AdminActionBy {
  readonly actor: Actor;
  readonly now: Date;
  /** Where the system actor acts from (the admin CLI), as it has no session. */
  readonly systemDevice?: string;
}

export function adminActionEntry(by: AdminActionBy, action: AdminAction, subjectId: string): AuditEntry {
  const recordType = action === 'revokeDevice' ? 'device' : 'account';
  return auditEntry({ actor: by.actor, systemDeviceId: by.systemDevice ?? 'system', now: by.now }, action, { recordType, recordId: subjectId, clientId: null });
}
