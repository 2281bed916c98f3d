import { clientFields } from './client.ts';
import { conflictFields } from './conflict.ts';
import { noteFields } from './note.ts';
import { mergeKinds, type RecordType } from './recordType.ts';

export type { RecordType } from './recordType.ts';

/**
 * Each record type's fields and how it merges. A new record type (assessment, plan, …) is one line here, one in
 * recordType.ts, one schema file and one access rule on the server. `clientEditable` lists the fields a device may
 * change (the rest are written by the server).
 */
export const recordTypes = {
  client: { fields: clientFields, merge: mergeKinds.client, clientEditable: Object.keys(clientFields.shape) },
  note: { fields: noteFields, merge: mergeKinds.note, clientEditable: [] as string[] },
  conflict: { fields: conflictFields, merge: mergeKinds.conflict, clientEditable: ['resolution'] },
} as const satisfies Record<RecordType, unknown>;
