import { useTranslation } from 'react-i18next';
import { StoppedScreen } from './StoppedScreen.tsx';

/**
 * In place of a blank page while another tab keeps this one from opening the device's database (see
 * db/versionChange.ts, sayWhenKeptWaiting). Reloading would not help, and the app starts by itself once that tab
 * lets go, so there is no button: only what to do, and a sign that the tab is still waiting.
 */
export function KeptWaitingScreen() {
  const { t } = useTranslation('common');
  return (
    <StoppedScreen title={t('keptWaiting.title')} message={t('keptWaiting.message')}>
      <progress className="kept-waiting-progress" aria-label={t('keptWaiting.progress')} />
    </StoppedScreen>
  );
}
