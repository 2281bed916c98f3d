/**
 * The new-account form's values and their check: the server's own schema and role rules, so what passes here is
 * what the server accepts (only a taken username is left for it to say).
 */
import { createAccountRequest, roleFieldsIssue, type CreateAccountRequest } from '#shared/schema/admin.ts';
import type { Role } from '#shared/schema/auth.ts';
import type { Municipality } from '#shared/schema/common.ts';
import { fieldErrorsOf } from '../forms/fieldErrors.ts';
import type { Validation } from '../forms/useValidatedForm.ts';

export interface AccountFormValues {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role | '';
  readonly municipalities: readonly Municipality[];
  readonly clientId: string;
  readonly password: string;
}

export const emptyAccount: AccountFormValues = { username: '', displayName: '', role: '', municipalities: [], clientId: '', password: '' };

/** The roles that belong to municipalities; the others have none, so their form does not ask. */
export function needsMunicipalities(role: Role | ''): boolean {
  return role === 'counsellor' || role === 'municipalStaff' || role === 'coordinator';
}

export function validateAccount(values: AccountFormValues): Validation<CreateAccountRequest> {
  const role = values.role;
  const fields = {
    municipalities: needsMunicipalities(role) ? values.municipalities : [],
    clientId: role === 'client' && values.clientId.trim() !== '' ? values.clientId.trim() : null,
  };
  const result = createAccountRequest.safeParse({ ...values, ...fields, role: role === '' ? undefined : role });
  const errors = result.success ? {} : fieldErrorsOf(result.error);
  // Checked whatever else is wrong, so one submit names every field to fix.
  const issue = role === '' ? null : roleFieldsIssue({ role, ...fields });
  if (issue) errors[issue.field] ??= issue.code;
  return result.success && issue === null ? { ok: true, value: result.data } : { ok: false, errors };
}
