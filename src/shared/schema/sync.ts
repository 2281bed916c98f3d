import * as z from 'zod/mini';
import { DEVICE_ID_PATTERN } from '../sync/hlc.ts';
import { hlcStamp, recordId } from './common.ts';
import { recordType } from './recordType.ts';
import { requestErrorCodes } from '../errors.ts';

/**
 * The sync wire format, version `v`. A device pushes its change-log entries and pulls record states after a
 * server cursor. docs/sync.md describes the protocol in prose; these schemas are the contract.
 */
export const PROTOCOL_VERSION = 2;
export const MAX_PUSH_ENTRIES = 100;
export const MAX_PULL_LIMIT = 1000;

export const deviceId = z.string().check(z.regex(DEVICE_ID_PATTERN));

const fieldName = z.string().check(z.regex(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/));

/** One change-log entry: a write made on one device at one clock stamp. */
export const changeEntry = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('insert'),
    id: recordId,
    recordType,
    recordId,
    data: z.record(fieldName, z.json()),
    hlc: hlcStamp,
  }),
  z.object({
    op: z.literal('set'),
    id: recordId,
    recordType,
    recordId,
    data: z.record(fieldName, z.json()),
    /** The stamp of each field as the device saw it before this edit: tells a concurrent edit from a later one. */
    base: z.record(fieldName, hlcStamp),
    hlc: hlcStamp,
  }),
  z.object({ op: z.literal('delete'), id: recordId, recordType, recordId, hlc: hlcStamp }),
]);
export type ChangeEntry = z.infer<typeof changeEntry>;

export const pushRequest = z.object({
  v: z.int(),
  deviceId,
  entries: z.array(changeEntry).check(z.maxLength(MAX_PUSH_ENTRIES)),
});
export type PushRequest = z.infer<typeof pushRequest>;

export const pushResult = z.object({
  id: recordId,
  status: z.enum(['applied', 'duplicate', 'rejected']),
  code: z.optional(z.enum(requestErrorCodes)),
});
export const pushResponse = z.object({ v: z.int(), results: z.array(pushResult) });
export type PushResult = z.infer<typeof pushResult>;
export type PushResponse = z.infer<typeof pushResponse>;

/**
 * A record's merged state as the server holds it, stamped with the server sequence of its last change. Its field
 * stamps are packed (`src/shared/sync/packedStamps.ts`): `stamp` is the stamp of every field of `data` that
 * `stamps` does not list.
 */
export const wireRecord = z.object({
  type: recordType,
  id: recordId,
  data: z.record(z.string(), z.json()),
  stamp: z.optional(hlcStamp),
  stamps: z.record(z.string(), hlcStamp),
  deleted: z.union([z.null(), hlcStamp]),
  seq: z.int().check(z.nonnegative()),
});
export type WireRecord = z.infer<typeof wireRecord>;

export const pullQuery = z.object({
  v: z.coerce.number().check(z.int()),
  cursor: z.coerce.number().check(z.int(), z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER)),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(MAX_PULL_LIMIT)), 500),
  /**
   * Whether to count `remaining` when there is more. A device counts once, at the first page of a sync: counting
   * reads every record after the cursor, so counting at every page made a first sync's download quadratic.
   */
  count: z._default(z.stringbool(), true),
});
const MAX_ACCESS_VERSION = 200;

export const pullResponse = z.object({
  v: z.int(),
  records: z.array(wireRecord),
  cursor: z.int().check(z.nonnegative()),
  more: z.boolean(),
  /**
   * How many records are after the cursor in all: lets a first sync show real progress. Absent when the pull asked
   * not to count (`count=false`) and there is more; 0 whenever there is not.
   */
  remaining: z.optional(z.int().check(z.nonnegative())),
  /**
   * Opaque; changes whenever the account may have lost read access to a client it could read before (a client
   * moved, an assignment taken back, the account's own scope changed). A device runs the access check below when
   * this differs from the value its last check was made under.
   */
  accessVersion: z.string().check(z.minLength(1), z.maxLength(MAX_ACCESS_VERSION)),
});
export type PullResponse = z.infer<typeof pullResponse>;

/** How many client ids one access check may carry; a device with more sends several. */
export const MAX_ACCESS_CHECK = 1000;

/**
 * `POST /api/sync/access-check`: the clients a device holds, asked about after a pull that brought a new
 * `accessVersion` (and once a day in any case). The answer lists those the
 * server knows and the account may no longer read (an assignment taken back, a client moved out of the counsellor's
 * municipalities), which the device then purges. Ids the server does not know are not listed: they may be clients
 * made on the device and not pushed yet.
 */
export const accessCheckRequest = z.object({
  v: z.int(),
  clientIds: z.array(recordId).check(z.maxLength(MAX_ACCESS_CHECK)),
});
export type AccessCheckRequest = z.infer<typeof accessCheckRequest>;
export const accessCheckResponse = z.object({ v: z.int(), unreadable: z.array(recordId) });
export type AccessCheckResponse = z.infer<typeof accessCheckResponse>;

export const errorResponse = z.object({ code: z.enum(requestErrorCodes), fields: z.optional(z.record(z.string(), z.string())) });
export type ErrorResponse = z.infer<typeof errorResponse>;
