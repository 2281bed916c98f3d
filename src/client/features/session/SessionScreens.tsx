import { useTranslation } from 'react-i18next';
import { useSessionState } from '../../state/sessionState.ts';
import { ChoosePinScreen } from './ChoosePinScreen.tsx';
import { SignInScreen } from './SignInScreen.tsx';
import { UnlockScreen } from './UnlockScreen.tsx';

/** The screen for a device that is not open yet: sign in, choose a PIN, or unlock. */
export function SessionScreens() {
  const { t } = useTranslation('common');
  const phase = useSessionState((s) => s.phase);
  switch (phase) {
    case 'signedOut':
      return <SignInScreen />;
    case 'choosePin':
      return <ChoosePinScreen />;
    case 'locked':
      return <UnlockScreen />;
    default:
      return <p role="status">{t('loading')}</p>;
  }
}
