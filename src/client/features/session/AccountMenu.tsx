import { useTranslation } from 'react-i18next';
import { lock, signOut } from '../../session/session.ts';
import { useSessionState } from '../../state/sessionState.ts';
import { Button } from '../../ui/Button.tsx';
import { DataText } from '../../ui/DataText.tsx';

/** Who is signed in, and the two ways to leave: lock (PIN opens it again) and sign out (password needed). */
export function AccountMenu() {
  const { t } = useTranslation('session');
  const account = useSessionState((s) => s.account);
  if (account === null) return null;
  return (
    <div className="account-menu" role="group" aria-label={t('account.label')}>
      <span className="account-name">
        <DataText field="displayName">{account.displayName}</DataText>
      </span>
      <Button variant="secondary" onPress={lock}>
        {t('account.lock')}
      </Button>
      <Button variant="quiet" onPress={() => void signOut()}>
        {t('account.signOut')}
      </Button>
    </div>
  );
}
