import { Route, Switch } from 'wouter';
import { ClientListScreen } from '../features/clients/ClientListScreen.tsx';
import { ClientDetailScreen } from '../features/clients/ClientDetailScreen.tsx';
import { ClientEditScreen, ClientNewScreen } from '../features/clients/ClientEditScreens.tsx';
import { NoteCorrectScreen, NoteNewScreen } from '../features/notes/NoteScreens.tsx';
import { NotFound } from './NotFound.tsx';

export function Routes() {
  return (
    <Switch>
      <Route path="/" component={ClientListScreen} />
      <Route path="/clients/new" component={ClientNewScreen} />
      <Route path="/clients/:id/edit">{(p) => <ClientEditScreen id={p.id} />}</Route>
      <Route path="/clients/:id/notes/new">{(p) => <NoteNewScreen clientId={p.id} />}</Route>
      <Route path="/clients/:id/notes/:rootId/correct">{(p) => <NoteCorrectScreen clientId={p.id} rootId={p.rootId} />}</Route>
      <Route path="/clients/:id">{(p) => <ClientDetailScreen id={p.id} />}</Route>
      <Route component={NotFound} />
    </Switch>
  );
}
