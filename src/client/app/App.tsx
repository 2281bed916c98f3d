import { Suspense, useDeferredValue, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { navigate } from 'wouter/use-browser-location';
import { RouterProvider } from 'react-aria-components';
import { useSessionState } from '../state/sessionState.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { AccountMenu, ClientListScreen, SessionScreens, SyncPanel, UpdatePrompt } from './lazyParts.tsx';
import { LanguagePicker } from './LanguagePicker.tsx';
import { ScreenErrorBoundary } from './ScreenErrorBoundary.tsx';
import { TranslationNotice } from './TranslationNotice.tsx';
import { Routes } from './Routes.tsx';
import { AutoLock } from './AutoLock.tsx';
import { useIdleWarmUp } from './useIdleWarmUp.ts';
import { appDb } from '../db/index.ts';
import { readSnapshotAhead } from '../db/clientListSnapshot.ts';

/** What unlocking opens: the client list, its translations, and the list as last sealed (read, not decrypted). */
const CLIENT_LIST = [ClientListScreen];
const CLIENT_LIST_NAMESPACES = ['clients'];
const readClientListAhead = () => readSnapshotAhead(appDb());

/** Pages anyone may open without signing in. */
const publicPaths: ReadonlySet<string> = new Set(['/accessibility']);

export function App() {
  const { t } = useTranslation('common');
  const open = useSessionState((s) => s.phase === 'unlocked');
  // What unlocking adds around the screen (navigation, account menu, sync panel) is rendered just after the screen
  // it opens to, not with it: the client list is what a person waits for. Locking takes it away at once.
  const openAround = useDeferredValue(open) && open;
  const isAdmin = useSessionState((s) => s.account?.role === 'admin');
  const main = useRef<HTMLElement>(null);
  // While the PIN is typed. Not on the sign-in page, whose first load is kept as light as it can be (P2).
  const locked = useSessionState((s) => s.phase === 'locked');
  useIdleWarmUp(locked && !isAdmin, CLIENT_LIST, CLIENT_LIST_NAMESPACES, readClientListAhead);
  // Unlocking swaps the whole page without a load: start reading and tabbing at the content it opened to.
  useEffect(() => {
    if (open) main.current?.focus();
  }, [open]);
  return (
    <RouterProvider navigate={navigate}>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <Link href="/" className="app-name">
          {t('appName')}
        </Link>
        {openAround && (
          <nav aria-label={t('nav.label')}>
            {isAdmin ? <Link href="/admin/accounts">{t('nav.admin')}</Link> : <Link href="/">{t('nav.clients')}</Link>}
          </nav>
        )}
        <ConnectionStatus />
        <LanguagePicker />
        <Suspense fallback={null}>{openAround && <AccountMenu />}</Suspense>
      </header>
      <Suspense fallback={null}>
        <UpdatePrompt />
        {openAround && <SyncPanel />}
      </Suspense>
      {open && <AutoLock />}
      <main id="main" tabIndex={-1} ref={main}>
        <MainContent open={open} />
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

/**
 * The screen the location asks for, or sign-in and unlock. Only this part of the app follows the location: a
 * navigation does not render the header, the sync panel or the footer again.
 */
function MainContent({ open }: { readonly open: boolean }) {
  const [location] = useLocation();
  return (
    <ScreenErrorBoundary>
      {open || publicPaths.has(location) ? (
        <Routes />
      ) : (
        <Suspense fallback={null}>
          <SessionScreens />
        </Suspense>
      )}
    </ScreenErrorBoundary>
  );
}
