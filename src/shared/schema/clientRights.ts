import * as z from 'zod/mini';
import { hlcStamp, isoDateTime, recordId } from './common.ts';
import { recordType } from './recordType.ts';

/**
 * A data subject's rights over what the programme holds about them (GDPR Art. 15, 17 and 20):
 * `GET /api/clients/:clientId/export` answers everything held about one client, and
 * `POST /api/clients/:clientId/erase` erases it: every record of the client becomes a tombstone without content,
 * which reaches every device on its next pull and makes the device purge its copies.
 */
export const clientParams = z.object({ clientId: recordId });

export const EXPORT_FORMAT = 'silta-client-export';
export const EXPORT_FORMAT_VERSION = 1;

/** One record as exported: its fields as the server holds them, and when each was last changed. */
export const exportedRecord = z.object({
  type: recordType,
  id: recordId,
  data: z.record(z.string(), z.json()),
  stamps: z.record(z.string(), hlcStamp),
});
export type ExportedRecord = z.output<typeof exportedRecord>;

export const clientExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.literal(EXPORT_FORMAT_VERSION),
  clientId: recordId,
  exportedAt: isoDateTime,
  /** The client's own record first, then its other records in the order they were last changed. */
  records: z.array(exportedRecord),
});
export type ClientExport = z.output<typeof clientExport>;

export const erasureResponse = z.object({
  /** How many records were erased by this request (0 when the client had been erased before). */
  erased: z.int().check(z.nonnegative()),
});
export type ErasureResponse = z.output<typeof erasureResponse>;
