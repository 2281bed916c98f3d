import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { goToSignIn, unlock } from '../../session/session.ts';
import { useSessionState } from '../../state/sessionState.ts';
import { Button } from '../../ui/Button.tsx';
import { TextInput } from '../../ui/TextInput.tsx';
import { focusFirstInvalid } from '../forms/focusFirstInvalid.ts';
import { SessionForm } from './SessionForm.tsx';
import { useSessionAction } from './useSessionAction.ts';

/** Opens a locked device with the PIN; after five wrong tries only a sign-in with the password will. */
export function UnlockScreen() {
  const { t } = useTranslation(['session', 'errors']);
  const { account } = useSessionState();
  const [pin, setPin] = useState('');
  const [pinError, setPinError] = useState<string | undefined>(undefined);
  const { working, failure, run } = useSessionAction();

  function submit(form: HTMLFormElement) {
    if (pin === '') {
      setPinError(t('errors:required'));
      form.querySelector<HTMLInputElement>('input[type="password"]')?.focus();
      return;
    }
    void run(async () => {
      const outcome = await unlock(pin);
      setPin('');
      if (outcome.kind === 'wrongPin') {
        setPinError(t('unlock.attemptsLeft', { count: outcome.attemptsLeft }));
        focusFirstInvalid(form);
      }
    });
  }

  return (
    <SessionForm
      title={t('unlock.title')}
      intro={t('unlock.intro', { name: account?.displayName ?? '' })}
      submitLabel={t('unlock.submit')}
      workingLabel={t('unlock.working')}
      working={working}
      failure={failure}
      onSubmit={submit}
      footer={
        <Button variant="quiet" onPress={goToSignIn}>
          {t('unlock.usePassword')}
        </Button>
      }
    >
      {/* Tells a password manager which account the PIN belongs to; read-only, since the device has one owner. */}
      <TextInput label={t('unlock.username')} value={account?.username ?? ''} onChange={() => undefined} autoComplete="username" isReadOnly />
      <TextInput label={t('unlock.pin')} type="password" value={pin} onChange={setPin} error={pinError} autoComplete="current-password" isRequired />
    </SessionForm>
  );
}
