/**
 * Downloads record states after the device's cursor, page by page. The next page is requested while the current
 * one is written to IndexedDB, so a first sync of a large caseload costs about the larger of the two, not the sum.
 * Only the first page asks the server to count what remains: the progress bar needs the total once.
 */
import type { PullResponse } from '#shared/schema/sync.ts';
import type { SiltaDb } from '../db/database.ts';
import { applyServerRecords, readCursor } from '../db/applyServerRecords.ts';
import type { SyncTransport } from './transport.ts';

export const PULL_PAGE_SIZE = 1000;

export interface PullProgress {
  readonly received: number;
  /** Everything after the starting cursor, as the server counted it at the first page. */
  readonly total: number;
}

export interface PullOutcome {
  readonly received: number;
  /** The server's access version as of the last page (see the wire schema). */
  readonly accessVersion: string;
}

export async function pullChanges(
  db: SiltaDb,
  transport: SyncTransport,
  onProgress: (p: PullProgress) => void = () => {},
  pageSize = PULL_PAGE_SIZE,
): Promise<PullOutcome> {
  const from = await readCursor(db);
  let page: PullResponse = await transport.pull(from, pageSize, true);
  const total = page.records.length + (page.remaining ?? 0);
  let received = 0;
  for (;;) {
    const next = page.more ? transport.pull(page.cursor, pageSize, false) : null;
    // If writing fails, the prefetch must not surface as an unhandled rejection.
    next?.catch(() => {});
    await applyServerRecords(db, page.records, page.cursor, { firstSync: from === 0 });
    received += page.records.length;
    onProgress({ received, total: Math.max(total, received) });
    if (!next) return { received, accessVersion: page.accessVersion };
    page = await next;
  }
}
