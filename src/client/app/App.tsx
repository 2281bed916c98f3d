import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { RouterProvider } from 'react-aria-components';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { LanguagePicker, SyncPanel, UpdatePrompt } from './lazyParts.tsx';
import { TranslationNotice } from './TranslationNotice.tsx';
import { Routes } from './Routes.tsx';

export function App() {
  const { t } = useTranslation('common');
  const [, navigate] = useLocation();
  return (
    <RouterProvider navigate={navigate}>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <Link href="/" className="app-name">
          {t('appName')}
        </Link>
        <nav aria-label={t('nav.label')}>
          <Link href="/">{t('nav.clients')}</Link>
        </nav>
        <ConnectionStatus />
        <Suspense fallback={null}>
          <LanguagePicker />
        </Suspense>
      </header>
      <Suspense fallback={null}>
        <UpdatePrompt />
        <SyncPanel />
      </Suspense>
      <main id="main" tabIndex={-1}>
        <Routes />
      </main>
      <footer className="app-footer">
        <TranslationNotice />
        <p>
          <Link href="/accessibility">{t('footer.accessibility')}</Link>
        </p>
      </footer>
    </RouterProvider>
  );
}
