/**
 * Who may read and write what: the one place every push and pull asks. A rule per record type, keyed by
 * RecordType, so a new record type without a rule does not compile. Until accounts exist there is one built-in
 * actor, `localUser`, allowed everything except what no device may ever do: write server-owned fields, create
 * conflict records (only the server does) or change append-only records.
 */
import type { RequestErrorCode } from '#shared/errors.ts';
import { isAppendOnly, recordTypes, type RecordType } from '#shared/schema/records.ts';
import type { ChangeEntry } from '#shared/schema/sync.ts';
import type { RecordState } from '#shared/sync/merge.ts';
import type { ReadScope } from '../store/types.ts';

export interface Actor {
  readonly kind: 'localUser';
  readonly id: string;
}

export const localUser: Actor = { kind: 'localUser', id: 'local' };

interface AccessRule {
  read(actor: Actor, clientId: string | null): boolean;
  /** null when allowed, else the code the entry is rejected with. */
  write(actor: Actor, entry: ChangeEntry, current: RecordState | undefined): RequestErrorCode | null;
}

/** What no device may do, whoever it is: the fields it may set, and append-only records stay as written. */
function deviceWriteLimits(entry: ChangeEntry): RequestErrorCode | null {
  if (entry.op !== 'set') return null;
  if (isAppendOnly(entry.recordType)) return 'appendOnly';
  const { fields, clientEditable } = recordTypes[entry.recordType];
  for (const field of Object.keys(entry.data)) {
    if (!Object.hasOwn(fields.shape, field)) return 'unknownField';
    if (!(clientEditable as readonly string[]).includes(field)) return 'forbidden';
  }
  return null;
}

const localUserMayDoAll: AccessRule = {
  read: () => true,
  write: (_actor, entry) => deviceWriteLimits(entry),
};

const rules: { readonly [T in RecordType]: AccessRule } = {
  client: localUserMayDoAll,
  note: localUserMayDoAll,
  conflict: {
    read: () => true,
    // Conflict records are written by the server; a device may only settle one (its `resolution`) or delete it.
    write: (_actor, entry) => (entry.op === 'insert' ? 'forbidden' : deviceWriteLimits(entry)),
  },
};

export function canRead(actor: Actor, recordType: RecordType, clientId: string | null): boolean {
  return rules[recordType].read(actor, clientId);
}

export function canWrite(actor: Actor, entry: ChangeEntry, current: RecordState | undefined): RequestErrorCode | null {
  return rules[entry.recordType].write(actor, entry, current);
}

/** The records an actor may read, as a filter the store applies in SQL so pages and counts stay exact. */
export function readScope(_actor: Actor): ReadScope {
  // The local user reads everything; roles and municipalities narrow this when accounts arrive.
  return { kind: 'all' };
}
