/**
 * The audit filter as a person fills it in (calendar days in Helsinki, "until" inclusive) → the API's query (UTC
 * moments, `to` exclusive), so a day chosen means that whole day as the programme's office lives it.
 */
import { isValidIsoDate, helsinkiLocalToUtc } from '#shared/domain/dates.ts';
import { auditAction, type AuditAction } from '#shared/schema/audit.ts';
import { recordId } from '#shared/schema/common.ts';
import type { AuditFilter } from '../../admin/adminApi.ts';
import type { FieldErrors } from '../forms/fieldErrors.ts';
import type { Validation } from '../forms/useValidatedForm.ts';

export interface AuditFilterValues {
  readonly from: string;
  readonly until: string;
  /** '' for everyone, an account id, or the server's own (SYSTEM_ACCOUNT_ID). */
  readonly accountId: string;
  readonly clientId: string;
  readonly action: AuditAction | '';
}

export const noFilter: AuditFilterValues = { from: '', until: '', accountId: '', clientId: '', action: '' };

function startOfDay(isoDate: string): string | undefined {
  return helsinkiLocalToUtc(`${isoDate}T00:00`)?.toISOString();
}

function nextDay(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export function toAuditFilter(values: AuditFilterValues): Validation<AuditFilter> {
  const errors: FieldErrors = {};
  if (values.from !== '' && !isValidIsoDate(values.from)) errors['from'] = 'invalidDate';
  if (values.until !== '' && !isValidIsoDate(values.until)) errors['until'] = 'invalidDate';
  if (errors['from'] === undefined && errors['until'] === undefined && values.from !== '' && values.until !== '' && values.until < values.from) {
    errors['until'] = 'invalidValue';
  }
  const clientId = values.clientId.trim();
  if (clientId !== '' && !recordId.safeParse(clientId).success) errors['clientId'] = 'invalidValue';
  if (values.action !== '' && !auditAction.safeParse(values.action).success) errors['action'] = 'invalidChoice';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const filter: AuditFilter = {
    ...(values.accountId !== '' && { accountId: values.accountId }),
    ...(clientId !== '' && { clientId }),
    ...(values.action !== '' && { action: values.action }),
    ...(values.from !== '' && { from: startOfDay(values.from) }),
    ...(values.until !== '' && { to: startOfDay(nextDay(values.until)) }),
  };
  return { ok: true, value: filter };
}
