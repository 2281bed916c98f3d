import { useTranslation } from 'react-i18next';
import { translationStatus } from '../i18n/languages.ts';

/** Says when the text on screen is a machine translation that no human translator has reviewed yet. */
export function TranslationNotice() {
  const { t, i18n } = useTranslation('common');
  if (translationStatus(i18n.language) !== 'machine') return null;
  return <p className="translation-notice">{t('translation.machine')}</p>;
}
