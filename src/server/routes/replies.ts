/**
 * How the API answers with an error: a status and one code from shared/errors.ts, nothing else. The client shows
 * the code through its translations, so no library message or stack ever reaches a user.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestErrorCode } from '#shared/errors.ts';
import { PROTOCOL_VERSION } from '#shared/schema/sync.ts';

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
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, 500, 'serverError');
}
