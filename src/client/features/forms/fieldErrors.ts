import type { z } from 'zod';
import { toErrorCode, type ErrorCode } from '#shared/errors.ts';

export type FieldErrors = Partial<Record<string, ErrorCode>>;

/** The first problem of each field as an error code (our schemas use codes as their messages). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= toErrorCode(issue.message);
  }
  return errors;
}
