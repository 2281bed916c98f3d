/**
 * How the API answers with an error: a status and one code from shared/errors.ts, nothing else. The client shows
 * the code through its translations, so no library message or stack ever reaches a user.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestErrorCode } from '#shared/errors.ts';
import { PROTOCOL_VERSION } from '#shared/schema/sync.ts';
import { isDatabaseUnavailable } from '../store/databaseUnavailable.ts';

/** As long as SQLite's busy timeout: a lock held longer than one wait is likely to be held a while yet. */
const RETRY_AFTER_SECONDS = 5;

export function sendError(reply: FastifyReply, status: number, code: RequestErrorCode): FastifyReply {
  return reply.code(status).send({ code });
}

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/**
 * Whether a request speaks another protocol version. Checked before the rest of the schema so an old app learns
 * it must update instead of hearing that its request is malformed. A missing `v` is just a bad request.
 */
export function speaksOtherVersion(v: unknown): boolean {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined;
  return n !== undefined && n !== PROTOCOL_VERSION;
}

/** The one place a thrown error becomes an answer. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status === 413) return sendError(reply, 413, 'payloadTooLarge');
  if (status === 429) return sendError(reply, 429, 'rateLimited');
  // Fastify's own 4xx: malformed or empty JSON, a prototype-poisoning key, an unsupported content type.
  if (status >= 400 && status < 500) return sendError(reply, status, 'badRequest');
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable: answered 503');
    void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return sendError(reply, 503, 'serverBusy');
  }
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, 500, 'serverError');
}
