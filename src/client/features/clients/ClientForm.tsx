import { useTranslation } from 'react-i18next';
import type { ClientFields } from '#shared/schema/client.ts';
import { TextInput } from '../../ui/TextInput.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { CheckboxField } from '../../ui/CheckboxField.tsx';
import { FormActions } from '../forms/FormActions.tsx';
import { useValidatedForm } from '../forms/useValidatedForm.ts';
import { validateClient } from './clientForm.ts';
import { customerGroupOptions, languageOptions, municipalityOptions, statusOptions } from './options.ts';

interface ClientFormProps {
  readonly draftKey: string;
  readonly initial: ClientFields | null;
  readonly onSave: (fields: ClientFields) => Promise<void>;
  readonly onCancel: () => void;
}

/** Create and edit share this form; the draft keeps what was typed across reloads until saved or cancelled. */
export function ClientForm({ draftKey, initial, onSave, onCancel }: ClientFormProps) {
  const { t, i18n } = useTranslation(['clients', 'common', 'errors']);
  const { values, setField, errors, saving, saveFailure, draftFailure, submit, cancel } = useValidatedForm({ draftKey, initial, validate: validateClient, onSave, onCancel });
  if (values === null) return <p role="status">{t('common:loading')}</p>;

  const err = (field: keyof ClientFields) => (errors[field] ? t(`errors:${errors[field]}`) : undefined);
  const languages = languageOptions(i18n.language);
  const text = (field: 'firstNames' | 'lastName' | 'phone' | 'email' | 'address') => ({
    label: t(`clients:field.${field}`),
    value: values[field],
    onChange: (v: string) => setField(field, v),
    error: err(field),
  });

  return (
    // autocomplete off for the whole form: otherwise the browser keeps what was typed about a person on disk, in
    // plain text (autocomplete history, and the form state it saves for restoring the session).
    <form className="form" autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset className="form-section">
        <legend>{t('clients:section.person')}</legend>
        <TextInput {...text('firstNames')} isRequired autoComplete="off" />
        <TextInput {...text('lastName')} isRequired autoComplete="off" />
        <TextInput
          label={t('clients:field.dateOfBirth')}
          type="date"
          value={values.dateOfBirth}
          onChange={(v) => setField('dateOfBirth', v)}
          error={err('dateOfBirth')}
          isRequired
        />
        <SelectField label={t('clients:field.motherTongue')} options={languages} value={values.motherTongue} onChange={(v) => setField('motherTongue', v as ClientFields['motherTongue'])} error={err('motherTongue')} isRequired />
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('clients:section.service')}</legend>
        <SelectField label={t('clients:field.homeMunicipality')} options={municipalityOptions(t)} value={values.homeMunicipality} onChange={(v) => setField('homeMunicipality', v as ClientFields['homeMunicipality'])} error={err('homeMunicipality')} isRequired />
        <SelectField label={t('clients:field.customerGroup')} options={customerGroupOptions(t)} value={values.customerGroup} onChange={(v) => setField('customerGroup', v as ClientFields['customerGroup'])} error={err('customerGroup')} isRequired />
        <SelectField label={t('clients:field.status')} options={statusOptions(t)} value={values.status} onChange={(v) => setField('status', v as ClientFields['status'])} error={err('status')} isRequired />
        <TextInput label={t('clients:field.firstPermitDate')} type="date" value={values.firstPermitDate} onChange={(v) => setField('firstPermitDate', v)} error={err('firstPermitDate')} description={t('clients:hint.firstPermitDate')} />
        <SelectField label={t('clients:field.serviceLanguage')} options={languages} value={values.serviceLanguage} onChange={(v) => setField('serviceLanguage', v as ClientFields['serviceLanguage'])} error={err('serviceLanguage')} isRequired />
        <CheckboxField label={t('clients:field.interpreterNeeded')} isSelected={values.interpreterNeeded} onChange={(v) => setField('interpreterNeeded', v)} />
        {values.interpreterNeeded && (
          <SelectField label={t('clients:field.interpreterLanguage')} options={languages} value={values.interpreterLanguage} onChange={(v) => setField('interpreterLanguage', v as ClientFields['interpreterLanguage'])} error={err('interpreterLanguage')} isRequired />
        )}
      </fieldset>
      <fieldset className="form-section">
        <legend>{t('clients:section.contact')}</legend>
        <TextInput {...text('phone')} type="tel" autoComplete="off" />
        <TextInput {...text('email')} type="email" autoComplete="off" />
        <TextInput {...text('address')} autoComplete="off" />
      </fieldset>
      <FormActions saving={saving} saveFailure={saveFailure} draftFailure={draftFailure} onCancel={() => void cancel()} />
    </form>
  );
}
