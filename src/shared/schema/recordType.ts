import * as z from 'zod/mini';

/**
 * The record types that sync, and how each merges: what sync, merge and access need of a record type, without
 * its fields' schemas (records.ts), so that the app's start does not build every field schema it has.
 *
 * - `fieldwise`: each field is merged on its own by last-writer-wins; a concurrent loser becomes a conflict record.
 * - `appendOnly`: written once and never changed; a correction is a new record.
 */
export const mergeKinds = { client: 'fieldwise', note: 'appendOnly', conflict: 'fieldwise' } as const;

export type RecordType = keyof typeof mergeKinds;
export const recordTypeNames = Object.keys(mergeKinds) as [RecordType, ...RecordType[]];
export const recordType = z.enum(recordTypeNames);

export function isAppendOnly(type: RecordType): boolean {
  return mergeKinds[type] === 'appendOnly';
}

/** The client a record belongs to: the unit of access control and of erasure. */
export function owningClientId(type: RecordType, id: string, data: Record<string, unknown>): string | null {
  if (type === 'client') return id;
  const clientId = data['clientId'];
  return typeof clientId === 'string' ? clientId : null;
}
