/**
 * The admin's view of the audit log: a JSON page (`GET /api/admin/audit`) and a CSV export of everything that
 * matches (`GET /api/admin/audit/export`). The cursor is opaque to the caller: the (`at`, `id`) of the last entry
 * of the previous page.
 */
import { auditCsvColumns, type AuditEntry, type AuditPage, type AuditQuery } from '#shared/schema/audit.ts';
import type { RequestErrorCode } from '#shared/errors.ts';
import { recordId } from '#shared/schema/common.ts';
import type { AuditFilter } from '../store/auditStore.ts';
import type { Store } from '../store/types.ts';
import { mayReadAuditLog } from './access.ts';
import type { Actor } from './actor.ts';
import { csvLine } from './csv.ts';

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: RequestErrorCode };

const EXPORT_PAGE = 1000;

function encodeCursor(entry: AuditEntry): string {
  return Buffer.from(JSON.stringify([entry.at, entry.id])).toString('base64url');
}

/** A time exactly as the log stores it (toISOString), which is all a cursor the server made can hold. */
function isStoredTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
}

/**
 * The position a cursor names, or null when it is not one the server made. Its parts go into the query as they
 * are, so anything else (a NUL byte, which PostgreSQL refuses in text) must be a bad request, not a database error.
 */
function decodeCursor(cursor: string): AuditFilter['after'] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && isStoredTime(value[0]) && recordId.safeParse(value[1]).success) {
      return { at: value[0], id: String(value[1]) };
    }
  } catch {
    // Not JSON: answered as a bad cursor below.
  }
  return null;
}

/** Times compare as text, so a filter bound is written exactly as stored times are. */
function toStoredTime(iso: string | undefined): string | undefined {
  return iso === undefined ? undefined : new Date(iso).toISOString();
}

function filterOf(query: AuditQuery, limit: number): Outcome<AuditFilter> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  if (after === null) return { ok: false, code: 'badRequest' };
  const { accountId, clientId, action } = query;
  return { ok: true, value: { accountId, clientId, action, from: toStoredTime(query.from), to: toStoredTime(query.to), after, limit } };
}

export async function auditPage(store: Store, actor: Actor, query: AuditQuery): Promise<Outcome<AuditPage>> {
  if (!mayReadAuditLog(actor)) return { ok: false, code: 'forbidden' };
  const filter = filterOf(query, query.limit + 1);
  if (!filter.ok) return filter;
  const rows = await store.audit.query(filter.value);
  const entries = rows.slice(0, query.limit);
  const last = entries.at(-1);
  return { ok: true, value: { entries, cursor: rows.length > query.limit && last !== undefined ? encodeCursor(last) : null } };
}

async function* csvLines(store: Store, first: AuditFilter): AsyncGenerator<string> {
  yield csvLine(auditCsvColumns);
  for (let filter: AuditFilter | undefined = first; filter !== undefined; ) {
    const rows = await store.audit.query(filter);
    for (const entry of rows) yield csvLine(auditCsvColumns.map((column) => entry[column]));
    const last = rows.at(-1);
    filter = rows.length === filter.limit && last !== undefined ? { ...filter, after: { at: last.at, id: last.id } } : undefined;
  }
}

/** Everything matching the query (its cursor and limit are ignored: an export is whole), page by page as CSV lines. */
export function auditExport(store: Store, actor: Actor, query: AuditQuery): Outcome<AsyncIterable<string>> {
  if (!mayReadAuditLog(actor)) return { ok: false, code: 'forbidden' };
  const filter = filterOf({ ...query, cursor: undefined }, EXPORT_PAGE);
  return filter.ok ? { ok: true, value: csvLines(store, filter.value) } : filter;
}
