import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { RequestErrorCode } from '#shared/errors.ts';
import type { Role } from '#shared/schema/auth.ts';
import { createAccount } from '../../admin/adminApi.ts';
import { Button } from '../../ui/Button.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextInput } from '../../ui/TextInput.tsx';
import type { FieldErrors } from '../forms/fieldErrors.ts';
import { focusFirstInvalid } from '../forms/focusFirstInvalid.ts';
import { emptyAccount, needsMunicipalities, validateAccount, type AccountFormValues } from './accountForm.ts';
import { roleOptions } from './accountText.ts';
import { MunicipalityChoice } from './MunicipalityChoice.tsx';
import { errorCodeOf, requestErrorText } from '../online/requestError.ts';
import { useOnline } from '../online/useOnline.ts';

/** What the accounts list says after it was opened by a successful create. */
export interface CreatedState {
  readonly created: string;
}

/**
 * A new account. Unlike the record forms it keeps no draft on the device: it holds a password, and an admin
 * makes an account in one sitting, online.
 */
export function NewAccountScreen() {
  const { t } = useTranslation(['admin', 'errors', 'common']);
  const [, navigate] = useLocation();
  const online = useOnline();
  const [values, setValues] = useState<AccountFormValues>(emptyAccount);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<RequestErrorCode | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof AccountFormValues>(field: K, value: AccountFormValues[K]) => setValues((v) => ({ ...v, [field]: value }));
  const errorText = (field: keyof AccountFormValues) => {
    const code = errors[field];
    return code === undefined ? undefined : t(`errors:${code}`);
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setFormError(null);
    const result = validateAccount(values);
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    setSaving(true);
    createAccount(result.value).then(
      (account) => navigate('/accounts', { state: { created: account.username } satisfies CreatedState }),
      (err: unknown) => {
        setSaving(false);
        const code = errorCodeOf(err);
        if (code === 'usernameTaken') {
          setErrors({ username: code });
          focusFirstInvalid(form);
        } else {
          setFormError(code);
        }
      },
    );
  }

  return (
    <section aria-labelledby="new-account-heading">
      <h1 id="new-account-heading">{t('form.title')}</h1>
      {!online && (
        <p role="status" className="admin-notice">
          {t('status.offline')}
        </p>
      )}
      <form className="form" onSubmit={submit} noValidate autoComplete="off">
        <div className="form-section">
          <TextInput label={t('form.username')} value={values.username} onChange={(v) => set('username', v)} error={errorText('username')} description={t('form.usernameHelp')} isRequired autoComplete="off" />
          <TextInput label={t('form.displayName')} value={values.displayName} onChange={(v) => set('displayName', v)} error={errorText('displayName')} isRequired autoComplete="off" />
          <SelectField label={t('form.role')} options={roleOptions(t)} value={values.role} onChange={(v) => set('role', v as Role)} error={errorText('role')} isRequired placeholder={t('form.chooseRole')} />
          {needsMunicipalities(values.role) && <MunicipalityChoice value={values.municipalities} onChange={(v) => set('municipalities', v)} error={errorText('municipalities')} />}
          {values.role === 'client' && (
            <TextInput label={t('form.clientId')} value={values.clientId} onChange={(v) => set('clientId', v)} error={errorText('clientId')} description={t('form.clientIdHelp')} isRequired autoComplete="off" />
          )}
          <TextInput label={t('form.password')} type="password" value={values.password} onChange={(v) => set('password', v)} error={errorText('password')} description={t('form.passwordHelp')} isRequired autoComplete="new-password" />
        </div>
        {formError !== null && (
          <p role="alert" className="form-error">
            {requestErrorText(t, formError)}
          </p>
        )}
        <div className="form-actions">
          <Button type="submit" isDisabled={saving || !online}>
            {saving ? t('status.working') : t('form.submit')}
          </Button>
          <Button variant="secondary" onPress={() => navigate('/accounts')}>
            {t('common:action.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}
