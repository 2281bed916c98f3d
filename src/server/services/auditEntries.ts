/** Builds audit log rows: who (account and device), when, what was done to which client's record; never content. */
import { uuidv7 } from 'uuidv7';
import { SYSTEM_ACCOUNT_ID, type AuditAction, type AuditEntry, type AuditSubjectType } from '#shared/schema/audit.ts';
import type { Actor } from './actor.ts';

export interface AuditedRecord {
  readonly recordType: AuditSubjectType;
  readonly recordId: string;
  readonly clientId: string | null;
}

export interface AuditContext {
  readonly actor: Actor;
  /**
   * An account acts from the device its session was opened on; the system actor has no session, so the caller names
   * the device the work is done as (the demo seed's device, or 'system').
   */
  readonly systemDeviceId: string;
  /** When the server writes the rows. */
  readonly now: Date;
}

/** `happened` is the device's time of a view; everything else happens when the server logs it. */
export function auditEntry(
  context: AuditContext,
  action: AuditAction,
  record: AuditedRecord,
  event: { readonly id: string; readonly happened: Date } = { id: uuidv7(), happened: context.now },
): AuditEntry {
  const { actor } = context;
  return {
    id: event.id,
    at: event.happened.toISOString(),
    loggedAt: context.now.toISOString(),
    accountId: actor.kind === 'account' ? actor.accountId : SYSTEM_ACCOUNT_ID,
    deviceId: actor.kind === 'account' ? actor.deviceId : context.systemDeviceId,
    action,
    recordType: record.recordType,
    recordId: record.recordId,
    clientId: record.clientId,
  };
}
