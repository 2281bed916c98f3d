import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorCode } from '#shared/errors.ts';
import { username as usernameSchema } from '#shared/schema/auth.ts';
import { isOnline, subscribeOnline } from '../../platform/onlineStatus.ts';
import { signIn } from '../../session/session.ts';
import { useSessionState } from '../../state/sessionState.ts';
import { TextInput } from '../../ui/TextInput.tsx';
import type { FieldErrors } from '../forms/fieldErrors.ts';
import { focusFirstInvalid } from '../forms/focusFirstInvalid.ts';
import { SessionForm } from './SessionForm.tsx';
import { useSessionAction } from './useSessionAction.ts';

/** Sign-in with username and password. It needs the network; afterwards the PIN opens the app offline. */
export function SignInScreen() {
  const { t } = useTranslation(['session', 'errors']);
  const { account, notice } = useSessionState();
  const online = useSyncExternalStore(subscribeOnline, isOnline);
  const [name, setName] = useState(account?.username ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const { working, failure, run } = useSessionAction();

  function submit(form: HTMLFormElement) {
    const checked = usernameSchema.safeParse(name);
    const found: FieldErrors = {};
    if (!checked.success) found['username'] = toErrorCode(checked.error.issues[0]?.message);
    if (password === '') found['password'] = 'required';
    setErrors(found);
    if (!checked.success || password === '') {
      focusFirstInvalid(form);
      return;
    }
    void run(() => signIn(checked.data, password));
  }

  const err = (field: string) => (errors[field] ? t(`errors:${errors[field]}`) : undefined);
  return (
    <SessionForm
      title={t('signIn.title')}
      intro={t('signIn.intro')}
      submitLabel={t('signIn.submit')}
      workingLabel={t('signIn.working')}
      working={working}
      failure={failure}
      onSubmit={submit}
    >
      {notice !== null && (
        <p className="session-notice" role="status">
          {t(`session:notice.${notice}`)}
        </p>
      )}
      {!online && <p className="session-notice">{t('signIn.offline')}</p>}
      <TextInput label={t('signIn.username')} value={name} onChange={setName} error={err('username')} autoComplete="username" isRequired />
      <TextInput label={t('signIn.password')} type="password" value={password} onChange={setPassword} error={err('password')} autoComplete="current-password" isRequired />
    </SessionForm>
  );
}
