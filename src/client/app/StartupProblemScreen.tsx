import { useTranslation } from 'react-i18next';
import type { StartupProblem } from './appProblem.ts';
import { LanguagePicker } from './LanguagePicker.tsx';
import { ErrorForSupport } from './ErrorForSupport.tsx';

interface Props {
  readonly problem: StartupProblem;
  /** The error as the browser gave it, for IT support. */
  readonly detail: string;
}

/**
 * In place of the app when it cannot start, rather than a blank page. Part of the entry, with no code of its own to
 * load: one of the reasons it shows is that code could not be loaded.
 */
export function StartupProblemScreen({ problem, detail }: Props) {
  const { t } = useTranslation('common');
  return (
    <>
      <header className="app-header">
        <span className="app-name">{t('appName')}</span>
        <LanguagePicker />
      </header>
      <main id="main" className="startup-problem">
        <h1>{t('startup.title')}</h1>
        <p>{t(`startup.${problem}`)}</p>
        <p>
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
            {t('startup.retry')}
          </button>
        </p>
        <ErrorForSupport detail={detail} />
      </main>
    </>
  );
}
