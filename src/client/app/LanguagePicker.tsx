import { useTranslation } from 'react-i18next';
import { SelectField } from '../ui/SelectField.tsx';
import { uiLanguages } from '../i18n/languages.ts';
import { chooseLanguage } from '../i18n/i18n.ts';
import { languageName } from '../i18n/format.ts';

/** Each language is named in itself, so a person who cannot read the current language still finds their own. */
export function LanguagePicker() {
  const { t, i18n } = useTranslation('common');
  const options = uiLanguages.map((l) => ({ id: l.code, label: languageName(l.code, l.code), lang: l.code }));
  return (
    <SelectField
      className="language-picker"
      label={t('language.label')}
      options={options}
      value={i18n.language}
      onChange={(code) => void chooseLanguage(code)}
    />
  );
}
