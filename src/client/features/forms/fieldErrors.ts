import { toErrorCode, type ErrorCode } from '#shared/errors.ts';

export type FieldErrors = Partial<Record<string, ErrorCode>>;

interface IssueList {
  readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[];
}

/** The first problem of each field as an error code (our schemas use codes as their messages). */
export function fieldErrorsOf(error: IssueList): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= toErrorCode(issue.message);
  }
  return errors;
}
