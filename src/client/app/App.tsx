import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { RouterProvider } from 'react-aria-components';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { LanguagePicker } from './LanguagePicker.tsx';
import { UpdatePrompt } from './UpdatePrompt.tsx';
import { TranslationNotice } from './TranslationNotice.tsx';
import { Routes } from './Routes.tsx';
import { SyncPanel } from '../features/sync/SyncPanel.tsx';

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
        <LanguagePicker />
      </header>
      <UpdatePrompt />
      <SyncPanel />
      <main id="main" tabIndex={-1}>
        <Routes />
      </main>
      <footer className="app-footer">
        <TranslationNotice />
      </footer>
    </RouterProvider>
  );
}
