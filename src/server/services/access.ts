/**
 * Who may read and write what: the one place every push, pull, audit event and assignment asks. The rules are a
 * table keyed by record type and then by role, both complete, so a new record type or role without its rules does
 * not compile.
 *
 * Every record belongs to a client (`owningClientId`), and access follows the client: counsellors serve
 * municipalities, so they reach the clients whose home municipality they serve; municipal staff reach the clients
 * a counsellor assigned to them. What the server knows of a client is its `ClientScope` (the store's
 * `client_access` and `client_assignments`). A record whose client has no scope is nobody's but the system's, so
 * "exists but not yours" and "a new id pointing at a client you cannot see" get the same answer: `forbidden`.
 *
 * On top of the roles stand the limits no device ever passes, the system actor's included: write a field the server
 * owns, create a conflict record (only the server does), change an append-only record.
 */
import type { RequestErrorCode } from '#shared/errors.ts';
import type { Role } from '#shared/schema/auth.ts';
import { recordTypes } from '#shared/schema/records.ts';
import { isAppendOnly, type RecordType } from '#shared/schema/recordType.ts';
import type { ChangeEntry } from '#shared/schema/sync.ts';
import type { Json } from '#shared/sync/merge.ts';
import type { ClientScope, ReadScope } from '../store/clientAccess.ts';
import type { AccountActor, Actor } from './actor.ts';

export type Operation = 'read' | 'insert' | 'set' | 'delete';

/** What one decision is about. */
export interface Subject {
  readonly recordId: string;
  /** Whether the server holds the record already (a tombstone included). */
  readonly exists: boolean;
  /**
   * The scope of each client the operation touches: the record's client as stored and, when an entry names another
   * (an insert over an existing id), that one too. Never empty; `undefined` for a client the server does not know.
   */
  readonly clients: readonly (ClientScope | undefined)[];
  /** For a client write: the `homeMunicipality` value the entry sets, if it sets one. */
  readonly homeMunicipality: Json | undefined;
}

type Grant = (actor: AccountActor, subject: Subject) => boolean;
type RoleGrants = { readonly [O in Operation]: Grant };

interface TypeRule {
  readonly roles: { readonly [R in Role]: RoleGrants };
  /** What no device may do with this type, whoever it is. */
  readonly deviceLimits: (entry: ChangeEntry) => RequestErrorCode | null;
}

const nobody: Grant = () => false;

function serves(actor: AccountActor, municipality: Json | undefined): boolean {
  return typeof municipality === 'string' && (actor.municipalities as readonly string[]).includes(municipality);
}

/** Every client touched is known and passes `test`. */
function everyClient(test: (actor: AccountActor, client: ClientScope) => boolean): Grant {
  return (actor, subject) => subject.clients.length > 0 && subject.clients.every((c) => c !== undefined && test(actor, c));
}

const inServedMunicipality = everyClient((actor, client) => serves(actor, client.municipality));
const assignedToActor = everyClient((actor, client) => client.assignees.includes(actor.accountId));

/** A counsellor creates a client only in a municipality they serve, and never over a record they cannot see. */
const createsInServedMunicipality: Grant = (actor, subject) =>
  serves(actor, subject.homeMunicipality) && (!subject.exists || inServedMunicipality(actor, subject));

/** A counsellor moves a client only between municipalities they serve: they cannot hand it out of their own sight. */
const editsInServedMunicipality: Grant = (actor, subject) =>
  inServedMunicipality(actor, subject) && (subject.homeMunicipality === undefined || serves(actor, subject.homeMunicipality));

/** Staff edit their clients but do not move them: a move decides which municipality's counsellors see the client. */
const editsAssignedWithoutMoving: Grant = (actor, subject) =>
  assignedToActor(actor, subject) &&
  (subject.homeMunicipality === undefined || subject.clients.every((c) => c?.municipality === subject.homeMunicipality));

const ownClientRecord: Grant = (actor, subject) => actor.clientId !== null && subject.recordId === actor.clientId;

const none: RoleGrants = { read: nobody, insert: nobody, set: nobody, delete: nobody };

/**
 * The wellbeing services county (LUVN) sees nothing yet. The multiprofessional assessment and plan (§15) will share
 * a client's records with it under the client's consent: a consent projection beside `client_assignments`, a read
 * scope over it, and grants here.
 */
const partner = none;

/** Coordinators will get figures and orientation content, admins manage accounts: neither reads client content. */
const coordinator = none;
const admin = none;

/** The fields a device may set on a type, and append-only records stay as written. */
function fieldLimits(entry: ChangeEntry): RequestErrorCode | null {
  if (entry.op !== 'set') return null;
  if (isAppendOnly(entry.recordType)) return 'appendOnly';
  const { fields, clientEditable } = recordTypes[entry.recordType];
  for (const field of Object.keys(entry.data)) {
    if (!Object.hasOwn(fields.shape, field)) return 'unknownField';
    if (!(clientEditable as readonly string[]).includes(field)) return 'forbidden';
  }
  return null;
}

const rules: { readonly [T in RecordType]: TypeRule } = {
  client: {
    roles: {
      counsellor: { read: inServedMunicipality, insert: createsInServedMunicipality, set: editsInServedMunicipality, delete: inServedMunicipality },
      municipalStaff: { read: assignedToActor, insert: nobody, set: editsAssignedWithoutMoving, delete: nobody },
      partner,
      coordinator,
      admin,
      client: { read: ownClientRecord, insert: nobody, set: nobody, delete: nobody },
    },
    deviceLimits: fieldLimits,
  },
  note: {
    // `set` passes the role check so that the answer is `appendOnly`, the real reason, for the people who may write.
    roles: {
      counsellor: { read: inServedMunicipality, insert: inServedMunicipality, set: inServedMunicipality, delete: inServedMunicipality },
      municipalStaff: { read: assignedToActor, insert: assignedToActor, set: assignedToActor, delete: nobody },
      partner,
      coordinator,
      admin,
      client: none,
    },
    deviceLimits: fieldLimits,
  },
  conflict: {
    // People settle a conflict (`resolution`) or dismiss it; only the server creates one.
    roles: {
      counsellor: { read: inServedMunicipality, insert: nobody, set: inServedMunicipality, delete: inServedMunicipality },
      municipalStaff: { read: assignedToActor, insert: nobody, set: assignedToActor, delete: nobody },
      partner,
      coordinator,
      admin,
      client: none,
    },
    deviceLimits: (entry) => (entry.op === 'insert' ? 'forbidden' : fieldLimits(entry)),
  },
};

export function canRead(actor: Actor, recordType: RecordType, subject: Subject): boolean {
  return actor.kind === 'system' || rules[recordType].roles[actor.role].read(actor, subject);
}

/**
 * null when allowed, else the code the entry is rejected with. The role is asked before the device limits, so a
 * record out of reach answers `forbidden` whatever else the entry attempts.
 */
export function canWrite(actor: Actor, entry: ChangeEntry, subject: Subject): RequestErrorCode | null {
  const rule = rules[entry.recordType];
  if (actor.kind === 'account' && !rule.roles[actor.role][entry.op](actor, subject)) return 'forbidden';
  // After the role check, so that only those who could see the client learn that it was erased.
  if (subject.clients.some((c) => c?.erased === true)) return 'clientErased';
  return rule.deviceLimits(entry);
}

/** The subject of reading a stored record. */
export function readSubject(recordId: string, clientId: string | null, scopeOf: (clientId: string) => ClientScope | undefined): Subject {
  return { recordId, exists: true, clients: [clientId === null ? undefined : scopeOf(clientId)], homeMunicipality: undefined };
}

const readScopes: { readonly [R in Role]: (actor: AccountActor) => ReadScope } = {
  counsellor: (actor) => ({ kind: 'municipalities', municipalities: actor.municipalities }),
  municipalStaff: (actor) => ({ kind: 'assignedTo', accountId: actor.accountId }),
  partner: () => ({ kind: 'none' }),
  coordinator: () => ({ kind: 'none' }),
  admin: () => ({ kind: 'none' }),
  client: (actor) => (actor.clientId === null ? { kind: 'none' } : { kind: 'record', recordType: 'client', recordId: actor.clientId }),
};

/**
 * The records an actor may read, as a filter the store applies in SQL so pages and counts stay exact. It must
 * match the `read` grants above for every type; the authorization matrix test holds the two together.
 */
export function readScope(actor: Actor): ReadScope {
  return actor.kind === 'system' ? { kind: 'all' } : readScopes[actor.role](actor);
}

/** Assigning staff to a client is for a counsellor who serves the client's municipality (and the system). */
export function mayAssign(actor: Actor, client: ClientScope | undefined): boolean {
  if (actor.kind === 'system') return true;
  return actor.role === 'counsellor' && client !== undefined && serves(actor, client.municipality);
}

/**
 * A data subject's rights over everything held about them (export, erasure) are exercised by the counsellors who
 * serve the client's municipality: they handle the case, and the request comes to them. Staff assigned to a client
 * see only part of the case, and admins see no client content at all.
 */
export function mayActOnDataSubjectRights(actor: Actor, client: ClientScope | undefined): boolean {
  if (actor.kind === 'system') return client !== undefined;
  return actor.role === 'counsellor' && client !== undefined && serves(actor, client.municipality);
}

/** The audit log names clients and who looked at them: only admins read it. */
export function mayReadAuditLog(actor: Actor): boolean {
  return actor.kind === 'system' || actor.role === 'admin';
}
