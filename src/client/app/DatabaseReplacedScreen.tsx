import { useTranslation } from 'react-i18next';
import type { Replacement } from '../db/versionChange.ts';
import { StoppedScreen } from './StoppedScreen.tsx';

/**
 * In place of the app once another tab has upgraded the device's database (a newer version of Silta runs there) or
 * deleted it, or the browser has: this tab's code no longer fits what is stored, so it stops until it is reloaded.
 */
export function DatabaseReplacedScreen({ by }: { readonly by: Replacement }) {
  const { t } = useTranslation('common');
  return <StoppedScreen title={t(`replaced.${by}Title`)} message={t(`replaced.${by}`)} reload={t('replaced.reload')} takeFocus />;
}
