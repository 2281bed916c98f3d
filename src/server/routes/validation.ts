/**
 * Turning a failed schema parse into an answer: 400 badRequest with, per top-level field, the code of its first
 * issue, so a form can mark the field. The codes come from the shared schemas' own messages.
 */
import type { FastifyReply } from 'fastify';
import type * as z from 'zod/mini';
import { toErrorCode, type ErrorCode } from '#shared/errors.ts';

export function fieldErrors(error: z.core.$ZodError): Record<string, ErrorCode> {
  const fields: Record<string, ErrorCode> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    fields[field] ??= toErrorCode(issue.message);
  }
  return fields;
}

export function sendInvalid(reply: FastifyReply, error: z.core.$ZodError): FastifyReply {
  return reply.code(400).send({ code: 'badRequest', fields: fieldErrors(error) });
}
