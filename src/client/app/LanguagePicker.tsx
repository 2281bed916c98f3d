import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { uiLanguages } from '../i18n/languages.ts';
import { chooseLanguage } from '../i18n/i18n.ts';
import { languageName } from '../i18n/format.ts';

/**
 * Each language is named in itself, so a person who cannot read the current language still finds their own.
 *
 * A native select rather than the app's SelectField: it is on every first screen, and the browser's own control
 * needs no code to load (the popover select's came to 46 kB compressed, about 200 ms of a phone's first load at
 * Lighthouse's 4x slowdown), is fully accessible, and on a phone opens the system's own picker.
 */
export function LanguagePicker() {
  const { t, i18n } = useTranslation('common');
  const id = useId();
  return (
    <div className="field language-picker">
      <label className="field-label" htmlFor={id}>
        {t('language.label')}
      </label>
      <select id={id} className="field-input" value={i18n.language} onChange={(event) => void chooseLanguage(event.target.value)}>
        {uiLanguages.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {languageName(l.code, l.code)}
          </option>
        ))}
      </select>
    </div>
  );
}
