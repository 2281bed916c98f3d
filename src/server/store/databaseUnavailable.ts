/**
 * Whether a failure is the database being out of reach for a moment rather than a fault in the request or in this
 * code: SQLite's write lock held by another process for longer than the busy timeout (a backup, the admin command),
 * or PostgreSQL restarting, failing over, out of connections, or cutting a connection. The transaction was rolled
 * back, so the device may send the same request again and it will have its one effect; the API says "busy, try
 * again" (503) instead of "the server had a problem" (500), and the operator's log says which it was.
 */

import { errorChain, nameAndMessage } from '#shared/errorChain.ts';

/** PostgreSQL SQLSTATEs that say "not now" about the server, not "no" about the request. */
const POSTGRES_TRANSIENT = new Set([
  '57P01', // admin_shutdown: the backend was terminated (a restart, pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/** Node's socket errors on the way to PostgreSQL. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/** What node-postgres says when a connection ends under a query, is used after that, or cannot be opened in time. */
const POSTGRES_CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error/,
  /^Client was closed and is not queryable/,
];

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function isUnavailable(error: object): boolean {
  const code = codeOf(error);
  if (code !== undefined) {
    // SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED, SQLITE_LOCKED_SHAREDCACHE, …
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return true;
    // Class 08: connection exceptions.
    if (/^08[0-9A-Z]{3}$/.test(code) || POSTGRES_TRANSIENT.has(code)) return true;
    if (NETWORK_CODES.has(code)) return true;
  }
  const { message } = nameAndMessage(error);
  return POSTGRES_CONNECTION_MESSAGES.some((m) => m.test(message));
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return errorChain(error).some(isUnavailable);
}
