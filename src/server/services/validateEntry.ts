/**
 * Checks a change entry's values against its record type's field schemas. The entry is stored as sent, not as
 * zod's output: the device applied exactly these values under exactly these stamps, and the server must hold the
 * same state for replicas to converge.
 */
import type { RequestErrorCode } from '#shared/errors.ts';
import { recordTypes } from '#shared/schema/records.ts';
import type { ChangeEntry } from '#shared/schema/sync.ts';

export function validateEntry(entry: ChangeEntry): RequestErrorCode | null {
  if (entry.op === 'delete') return null;
  const schema = recordTypes[entry.recordType].fields;
  const shape: Readonly<Record<string, { safeParse(value: unknown): { success: boolean } }>> = schema.shape;
  // hasOwn, not `in`: a field named like an Object.prototype member ("constructor") must not find one.
  for (const field of Object.keys(entry.data)) if (!Object.hasOwn(shape, field)) return 'unknownField';
  if (entry.op === 'insert') return schema.safeParse(entry.data).success ? null : 'badRequest';
  for (const [field, value] of Object.entries(entry.data)) {
    if (!shape[field]?.safeParse(value).success) return 'badRequest';
  }
  return null;
}
