import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newPinErrors } from '../../security/pinPolicy.ts';
import { choosePin } from '../../session/session.ts';
import { TextInput } from '../../ui/TextInput.tsx';
import type { FieldErrors } from '../forms/fieldErrors.ts';
import { focusFirstInvalid } from '../forms/focusFirstInvalid.ts';
import { SessionForm } from './SessionForm.tsx';
import { useSessionAction } from './useSessionAction.ts';

/**
 * The PIN or passphrase that opens this device offline. Both fields accept paste and password managers
 * (autocomplete new-password), as WCAG 3.3.8 asks.
 */
export function ChoosePinScreen() {
  const { t } = useTranslation(['session', 'errors']);
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const { working, failure, run } = useSessionAction();

  function submit(form: HTMLFormElement) {
    const found: FieldErrors = newPinErrors(pin, confirm);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form);
      return;
    }
    void run(() => choosePin(pin));
  }

  const err = (field: string) => (errors[field] ? t(`errors:${errors[field]}`) : undefined);
  return (
    <SessionForm
      title={t('choosePin.title')}
      intro={t('choosePin.intro')}
      submitLabel={t('choosePin.submit')}
      workingLabel={t('choosePin.working')}
      working={working}
      failure={failure}
      onSubmit={submit}
    >
      <TextInput label={t('choosePin.pin')} type="password" value={pin} onChange={setPin} error={err('pin')} autoComplete="new-password" isRequired />
      <TextInput label={t('choosePin.confirm')} type="password" value={confirm} onChange={setConfirm} error={err('confirmation')} autoComplete="new-password" isRequired />
    </SessionForm>
  );
}
