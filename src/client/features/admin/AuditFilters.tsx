import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { auditActions, SYSTEM_ACCOUNT_ID, type AuditAction } from '#shared/schema/audit.ts';
import type { AccountDetails } from '#shared/schema/admin.ts';
import type { AuditFilter } from '../../admin/adminApi.ts';
import { Button } from '../../ui/Button.tsx';
import { SelectField, type Option } from '../../ui/SelectField.tsx';
import { TextInput } from '../../ui/TextInput.tsx';
import type { FieldErrors } from '../forms/fieldErrors.ts';
import { focusFirstInvalid } from '../forms/focusFirstInvalid.ts';
import { noFilter, toAuditFilter, type AuditFilterValues } from './auditFilterForm.ts';

// A select needs a real key for "any"; the filter itself keeps '' for "no restriction".
const ANY = 'any';

interface AuditFiltersProps {
  /** Known accounts, to choose by username; empty until (or unless) they load. */
  readonly accounts: readonly AccountDetails[];
  readonly onApply: (filter: AuditFilter) => void;
}

export function AuditFilters({ accounts, onApply }: AuditFiltersProps) {
  const { t } = useTranslation(['admin', 'errors']);
  const [values, setValues] = useState<AuditFilterValues>(noFilter);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof AuditFilterValues>(field: K, value: AuditFilterValues[K]) => setValues((v) => ({ ...v, [field]: value }));
  const errorText = (field: keyof AuditFilterValues) => {
    const code = errors[field];
    return code === undefined ? undefined : t(`errors:${code}`);
  };
  const any: Option = { id: ANY, label: t('audit.filter.any') };
  const accountOptions: Option[] = [
    any,
    { id: SYSTEM_ACCOUNT_ID, label: t('audit.system') },
    ...accounts.map((a) => ({ id: a.id, label: a.username })),
  ];
  const actionOptions: Option[] = [any, ...auditActions.map((a) => ({ id: a, label: t(`audit.action.${a}`) }))];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = toAuditFilter(values);
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setErrors({});
    onApply(result.value);
  }

  return (
    <form className="form" role="search" aria-label={t('audit.filter.label')} onSubmit={submit} noValidate autoComplete="off">
      <div className="filters">
        <TextInput label={t('audit.filter.from')} type="date" value={values.from} onChange={(v) => set('from', v)} error={errorText('from')} />
        <TextInput label={t('audit.filter.until')} type="date" value={values.until} onChange={(v) => set('until', v)} error={errorText('until')} />
        <SelectField label={t('audit.filter.account')} options={accountOptions} value={values.accountId || ANY} onChange={(v) => set('accountId', v === ANY ? '' : v)} />
        <SelectField
          label={t('audit.filter.action')}
          options={actionOptions}
          value={values.action || ANY}
          onChange={(v) => set('action', v === ANY ? '' : (v as AuditAction))}
          error={errorText('action')}
        />
        <TextInput label={t('audit.filter.clientId')} value={values.clientId} onChange={(v) => set('clientId', v)} error={errorText('clientId')} autoComplete="off" />
      </div>
      <div className="form-actions">
        <Button type="submit">{t('audit.filter.apply')}</Button>
      </div>
    </form>
  );
}
