import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguagePicker } from './LanguagePicker.tsx';

interface Props {
  readonly title: string;
  readonly message: string;
  /** The button's label: it reloads the page, the one way on from here (none when the app goes on by itself). */
  readonly reload?: string;
  /** Moves focus to the message, for a screen that replaces the app while it is in use. */
  readonly takeFocus?: boolean;
  readonly children?: ReactNode;
}

/**
 * In place of the whole app when it cannot go on: a header with the language select, what happened, and a reload.
 * Part of the entry, with no code of its own to load: one of the reasons it shows is that code could not be loaded.
 */
export function StoppedScreen({ title, message, reload, takeFocus = false, children }: Props) {
  const { t } = useTranslation('common');
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    if (takeFocus) main.current?.focus();
  }, [takeFocus]);
  return (
    <>
      <header className="app-header">
        <span className="app-name">{t('appName')}</span>
        <LanguagePicker />
      </header>
      <main id="main" className="stopped-screen" tabIndex={-1} ref={main}>
        <h1>{title}</h1>
        <p>{message}</p>
        {reload !== undefined && (
          <p>
            <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
              {reload}
            </button>
          </p>
        )}
        {children}
      </main>
    </>
  );
}
