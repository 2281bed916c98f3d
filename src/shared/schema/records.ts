import * as z from 'zod/mini';
import { clientFields } from './client.ts';
import { conflictFields } from './conflict.ts';
import { noteFields } from './note.ts';

/**
 * The record types that sync, and how each merges. A new record type (assessment, plan, …) is one line here, one
 * schema file and one access rule on the server.
 *
 * - `fieldwise`: each field is merged on its own by last-writer-wins; a concurrent loser becomes a conflict record.
 * - `appendOnly`: written once and never changed; a correction is a new record.
 * `clientEditable` lists the fields a device may change (the rest are written by the server).
 */
export const recordTypes = {
  client: { fields: clientFields, merge: 'fieldwise', clientEditable: Object.keys(clientFields.shape) },
  note: { fields: noteFields, merge: 'appendOnly', clientEditable: [] as string[] },
  conflict: { fields: conflictFields, merge: 'fieldwise', clientEditable: ['resolution'] },
} as const;

export type RecordType = keyof typeof recordTypes;
export const recordTypeNames = Object.keys(recordTypes) as [RecordType, ...RecordType[]];
export const recordType = z.enum(recordTypeNames);

export function isAppendOnly(type: RecordType): boolean {
  return recordTypes[type].merge === 'appendOnly';
}

/** The client a record belongs to: the unit of access control and of erasure. */
export function owningClientId(type: RecordType, id: string, data: Record<string, unknown>): string | null {
  if (type === 'client') return id;
  const clientId = data['clientId'];
  return typeof clientId === 'string' ? clientId : null;
}
