import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch } from 'wouter';
import { ClientListScreen } from './lazyParts.tsx';
import { NotFound } from './NotFound.tsx';

// Each screen is its own chunk, loaded on first use (and precached, so it still opens offline).
const ClientDetailScreen = lazy(() => import('../features/clients/ClientDetailScreen.tsx').then((m) => ({ default: m.ClientDetailScreen })));
const ClientNewScreen = lazy(() => import('../features/clients/ClientEditScreens.tsx').then((m) => ({ default: m.ClientNewScreen })));
const ClientEditScreen = lazy(() => import('../features/clients/ClientEditScreens.tsx').then((m) => ({ default: m.ClientEditScreen })));
const NoteNewScreen = lazy(() => import('../features/notes/NoteScreens.tsx').then((m) => ({ default: m.NoteNewScreen })));
const NoteCorrectScreen = lazy(() => import('../features/notes/NoteScreens.tsx').then((m) => ({ default: m.NoteCorrectScreen })));
const AccessibilityStatementScreen = lazy(() =>
  import('../features/accessibility/AccessibilityStatementScreen.tsx').then((m) => ({ default: m.AccessibilityStatementScreen })),
);

function Loading() {
  const { t } = useTranslation('common');
  return <p role="status">{t('loading')}</p>;
}

export function Routes() {
  return (
    <Suspense fallback={<Loading />}>
      <Switch>
        <Route path="/" component={ClientListScreen} />
        <Route path="/clients/new" component={ClientNewScreen} />
        <Route path="/clients/:id/edit">{(p) => <ClientEditScreen id={p.id} />}</Route>
        <Route path="/clients/:id/notes/new">{(p) => <NoteNewScreen clientId={p.id} />}</Route>
        <Route path="/clients/:id/notes/:rootId/correct">{(p) => <NoteCorrectScreen clientId={p.id} rootId={p.rootId} />}</Route>
        <Route path="/clients/:id">{(p) => <ClientDetailScreen id={p.id} />}</Route>
        <Route path="/accessibility" component={AccessibilityStatementScreen} />
        <Route component={NotFound} />
      </Switch>
    </Suspense>
  );
}
