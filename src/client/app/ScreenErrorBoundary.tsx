import type { ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { describeError, isCodeLoadFailure } from './appProblem.ts';
import { ErrorForSupport } from './ErrorForSupport.tsx';

/**
 * Around the screen in `main`: a screen that fails to render (a bug, or its code not loaded) shows what happened in
 * its place, while the header and footer stay, rather than React taking the whole page down to a blank one. Going
 * to another address tries again.
 */
export function ScreenErrorBoundary({ children }: { readonly children: ReactNode }) {
  const [location] = useLocation();
  return (
    <ErrorBoundary FallbackComponent={ScreenProblem} resetKeys={[location]}>
      {children}
    </ErrorBoundary>
  );
}

function ScreenProblem({ error }: FallbackProps) {
  const { t } = useTranslation('common');
  return (
    <section aria-labelledby="screen-problem-heading" className="screen-problem">
      <h1 id="screen-problem-heading">{t('screenProblem.title')}</h1>
      {/* A screen's code stays unloadable until the app loads again: React keeps a failed lazy import's answer. */}
      <p>{t(isCodeLoadFailure(error) ? 'screenProblem.codeNotLoaded' : 'screenProblem.failed')}</p>
      <p className="form-actions">
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          {t('screenProblem.reload')}
        </button>
        <Link href="/">{t('notFound.back')}</Link>
      </p>
      <ErrorForSupport detail={describeError(error)} />
    </section>
  );
}
