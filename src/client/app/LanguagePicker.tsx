import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { uiLanguages } from '../i18n/languages.ts';
import { chooseLanguage } from '../i18n/i18n.ts';
import { languageName } from '../i18n/format.ts';
import { NativeSelectField } from '../ui/NativeSelectField.tsx';

/**
 * Each language is named in itself, so a person who cannot read the current language still finds their own. The
 * browser's own select: it is on every first screen, and the popover select's code came to 46 kB compressed, about
 * 200 ms of a phone's first load at Lighthouse's 4x slowdown.
 */
export function LanguagePicker() {
  const { t, i18n } = useTranslation('common');
  const options = useMemo(() => uiLanguages.map((l) => ({ id: l.code, label: languageName(l.code, l.code), lang: l.code })), []);
  return (
    <NativeSelectField
      className="language-picker"
      label={t('language.label')}
      options={options}
      value={i18n.language}
      onChange={(code) => void chooseLanguage(code)}
    />
  );
}
