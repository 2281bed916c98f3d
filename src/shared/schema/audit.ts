import * as z from 'zod/mini';
import { requestErrorCodes } from '../errors.ts';
import { isoDateTime, recordId } from './common.ts';
import { recordType, recordTypeNames } from './recordType.ts';
import { deviceId } from './sync.ts';

/**
 * The audit log (Act 906/2019 §17): who did what to which client's record, when, from which device, and never the
 * record's content. `disclose` is reserved for sharing with partner authorities. The log also holds what
 * administrators do to accounts and devices (`createAccount`, `updateAccount`, `revokeDevice`), with the account or
 * device as the subject and no client: who may reach client data is as much a part of accountability as who did.
 */
export const auditActions = ['change', 'pull', 'view', 'export', 'erase', 'disclose', 'createAccount', 'updateAccount', 'revokeDevice'] as const;
export const auditAction = z.enum(auditActions, { error: 'invalidChoice' });
export type AuditAction = (typeof auditActions)[number];

/** The account id the server's own jobs (the demo seed, the admin CLI) are logged under. */
export const SYSTEM_ACCOUNT_ID = 'system';

export const MAX_AUDIT_EVENTS = 500;

/**
 * A device showed a record to its user. Reads on a device happen offline, so the device keeps these and sends them
 * after it has pushed its changes; `id` is made on the device and makes the event idempotent.
 */
export const viewEvent = z.object({
  id: recordId,
  action: z.literal('view'),
  recordType,
  recordId,
  clientId: recordId,
  /** When the record was shown (UTC). */
  at: isoDateTime,
});
export type ViewEvent = z.output<typeof viewEvent>;

export const auditEventsRequest = z.object({
  v: z.int(),
  events: z.array(viewEvent).check(z.maxLength(MAX_AUDIT_EVENTS)),
});
export type AuditEventsRequest = z.output<typeof auditEventsRequest>;

/**
 * One result per event, in request order: `logged`, `duplicate` (an event id logged before) or `rejected` with
 * `forbidden` (a record this account may not read, or that the server does not have: the device sends events only
 * after pushing, so both mean the event is wrong). Either way the device may drop the event.
 */
export const auditEventResult = z.object({
  id: recordId,
  status: z.enum(['logged', 'duplicate', 'rejected']),
  code: z.optional(z.enum(requestErrorCodes)),
});
export const auditEventsResponse = z.object({ v: z.int(), results: z.array(auditEventResult) });
export type AuditEventResult = z.output<typeof auditEventResult>;
export type AuditEventsResponse = z.output<typeof auditEventsResponse>;

const auditAccountId = z.union([recordId, z.literal(SYSTEM_ACCOUNT_ID)]);

/** What an audit row is about: a record of a client, or an account or device an administrator acted on. */
export const auditSubjectTypes = [...recordTypeNames, 'account', 'device'] as const;
export type AuditSubjectType = (typeof auditSubjectTypes)[number];

/** One row of the log. `at` is when it happened (a device's clock for views), `loggedAt` when the server wrote it. */
export const auditEntry = z.object({
  id: recordId,
  at: z.string(),
  loggedAt: z.string(),
  accountId: z.string(),
  deviceId: z.string(),
  action: auditAction,
  recordType: z.enum(auditSubjectTypes),
  /** A record's or account's UUID, or a device's id. */
  recordId: z.union([recordId, deviceId]),
  clientId: z.nullable(recordId),
});
export type AuditEntry = z.output<typeof auditEntry>;

export const MAX_AUDIT_PAGE = 1000;

/** The admin's audit query: every filter optional, `from` inclusive, `to` exclusive, in `at` order. */
export const auditQuery = z.object({
  accountId: z.optional(auditAccountId),
  clientId: z.optional(recordId),
  action: z.optional(auditAction),
  from: z.optional(isoDateTime),
  to: z.optional(isoDateTime),
  /** Opaque: the `cursor` of the previous page. */
  cursor: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,200}$/))),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(MAX_AUDIT_PAGE)), 100),
});
export type AuditQuery = z.output<typeof auditQuery>;

/** A page of the log; `cursor` asks for the next page, null when this was the last. */
export const auditPage = z.object({ entries: z.array(auditEntry), cursor: z.nullable(z.string()) });
export type AuditPage = z.output<typeof auditPage>;

/** The CSV export's columns, in order: the header row and each line follow this. */
export const auditCsvColumns = ['id', 'at', 'loggedAt', 'accountId', 'deviceId', 'action', 'recordType', 'recordId', 'clientId'] as const satisfies readonly (keyof AuditEntry)[];
