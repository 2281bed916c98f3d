import { Activity, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { lazyWithPreload } from 'react-lazy-with-preload';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { useIdleWarmUp } from './useIdleWarmUp.ts';
import { useSessionState } from '../state/sessionState.ts';
import { ClientListScreen } from './lazyParts.tsx';
import { NotFound } from './NotFound.tsx';

// Each screen is its own chunk, loaded on first use (and precached, so it still opens offline).
const ClientDetailScreen = lazyWithPreload(() =>
  import('../features/clients/ClientDetailScreen.tsx').then((m) => ({ default: m.ClientDetailScreen })),
);
const ClientNewScreen = lazy(() => import('../features/clients/ClientEditScreens.tsx').then((m) => ({ default: m.ClientNewScreen })));
const ClientEditScreen = lazy(() => import('../features/clients/ClientEditScreens.tsx').then((m) => ({ default: m.ClientEditScreen })));
const NoteNewScreen = lazy(() => import('../features/notes/NoteScreens.tsx').then((m) => ({ default: m.NoteNewScreen })));
const NoteCorrectScreen = lazy(() => import('../features/notes/NoteScreens.tsx').then((m) => ({ default: m.NoteCorrectScreen })));
const AccessibilityStatementScreen = lazy(() =>
  import('../features/accessibility/AccessibilityStatementScreen.tsx').then((m) => ({ default: m.AccessibilityStatementScreen })),
);
const ClientDataScreen = lazy(() => import('../features/clientRights/ClientDataScreen.tsx').then((m) => ({ default: m.ClientDataScreen })));
const AdminArea = lazy(() => import('../features/admin/AdminArea.tsx').then((m) => ({ default: m.AdminArea })));

function Loading() {
  const { t } = useTranslation('common');
  return <p role="status">{t('loading')}</p>;
}

/** What opening a client from the list needs: its page, and the translations it uses (notes and conflicts too). */
const CLIENT_PAGE = [ClientDetailScreen];
const CLIENT_PAGE_NAMESPACES = ['clients', 'notes', 'clientRights'];

/** One element for the app's life: a navigation re-renders Routes, and must not re-render the list with it. */
const clientList = <ClientListScreen />;

export function Routes() {
  const isAdmin = useSessionState((s) => s.account?.role === 'admin');
  const unlocked = useSessionState((s) => s.phase === 'unlocked');
  useIdleWarmUp(unlocked && !isAdmin, CLIENT_PAGE, CLIENT_PAGE_NAMESPACES);
  const [location] = useLocation();
  const onList = location === '/' && !isAdmin;
  return (
    <Suspense fallback={<Loading />}>
      {!isAdmin && (
        // The list stays mounted, hidden, while another screen is open: going back shows it at once and as it was
        // left (its search and filters), instead of building it again for 10,000 clients.
        <Activity mode={onList ? 'visible' : 'hidden'}>{clientList}</Activity>
      )}
      <Switch>
        {/* An admin has no client records to list: their start page is the administration, which only they see. */}
        <Route path="/">{isAdmin && <Redirect to="/admin/accounts" replace />}</Route>
        <Route path="/clients/new" component={ClientNewScreen} />
        <Route path="/clients/:id/edit">{(p) => <ClientEditScreen id={p.id} />}</Route>
        <Route path="/clients/:id/notes/new">{(p) => <NoteNewScreen clientId={p.id} />}</Route>
        <Route path="/clients/:id/notes/:rootId/correct">{(p) => <NoteCorrectScreen clientId={p.id} rootId={p.rootId} />}</Route>
        <Route path="/clients/:id/data">{(p) => <ClientDataScreen id={p.id} />}</Route>
        <Route path="/clients/:id">{(p) => <ClientDetailScreen id={p.id} />}</Route>
        <Route path="/accessibility" component={AccessibilityStatementScreen} />
        {isAdmin && (
          <Route path="/admin" nest>
            <AdminArea />
          </Route>
        )}
        <Route component={NotFound} />
      </Switch>
    </Suspense>
  );
}
