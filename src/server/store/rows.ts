/** Conversions between table rows and domain values, in one place for both dialects. */
import type { Selectable } from 'kysely';
import { recordTypeNames, type RecordType } from '#shared/schema/recordType.ts';
import { requestErrorCodes, type RequestErrorCode } from '#shared/errors.ts';
import type { Json } from '#shared/sync/merge.ts';
import type { AppliedChangesTable, RecordsTable } from './schema.ts';
import type { AppliedChange, StoredRecord } from './types.ts';

/** pg returns int8 as a string (it may exceed 2^53); our sequences never do, and we refuse rather than round. */
export function toSafeInteger(value: number | string | bigint): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`not a safe integer: ${String(value)}`);
  return n;
}

function asRecordType(value: string): RecordType {
  if (!(recordTypeNames as readonly string[]).includes(value)) throw new Error(`unknown record type in store: ${value}`);
  return value as RecordType;
}

function asErrorCode(value: string | null): RequestErrorCode | null {
  if (value === null) return null;
  if (!(requestErrorCodes as readonly string[]).includes(value)) throw new Error(`unknown error code in store: ${value}`);
  return value as RequestErrorCode;
}

export function recordFromRow(row: Selectable<RecordsTable>): StoredRecord {
  return {
    type: asRecordType(row.type),
    id: row.id,
    clientId: row.client_id,
    data: JSON.parse(row.data) as Record<string, Json>,
    stamps: JSON.parse(row.stamps) as Record<string, string>,
    deleted: row.deleted,
    seq: toSafeInteger(row.seq),
  };
}

export function recordToRow(record: StoredRecord): Selectable<RecordsTable> & { seq: number } {
  return {
    id: record.id,
    type: record.type,
    client_id: record.clientId,
    data: JSON.stringify(record.data),
    stamps: JSON.stringify(record.stamps),
    deleted: record.deleted,
    seq: record.seq,
  };
}

export function appliedFromRow(row: Selectable<AppliedChangesTable>): AppliedChange {
  const status = row.status;
  if (status !== 'applied' && status !== 'rejected') throw new Error(`unknown entry status in store: ${status}`);
  return {
    entryId: row.entry_id,
    deviceId: row.device_id,
    recordId: row.record_id,
    status,
    code: asErrorCode(row.code),
    seq: row.seq === null ? null : toSafeInteger(row.seq),
  };
}

export function appliedToRow(change: AppliedChange): Selectable<AppliedChangesTable> & { seq: number | null } {
  return {
    entry_id: change.entryId,
    device_id: change.deviceId,
    record_id: change.recordId,
    status: change.status,
    code: change.code,
    seq: change.seq,
  };
}
