import type { ClientStatus } from '#shared/schema/client.ts';
import type { Municipality } from '#shared/schema/common.ts';
import { foldForSearch, matchesQuery } from '#shared/domain/searchFolding.ts';
import type { ClientView } from '../../db/clientsRepo.ts';

export interface ClientFilter {
  readonly query: string;
  readonly municipality: Municipality | '';
  readonly status: ClientStatus | '';
}

export interface SearchableClient {
  readonly client: ClientView;
  readonly folded: string;
}

/** Folds every name once, so each keystroke only compares strings. */
export function indexClients(clients: readonly ClientView[]): SearchableClient[] {
  return clients.map((client) => ({
    client,
    folded: foldForSearch(`${client.fields.firstNames} ${client.fields.lastName}`),
  }));
}

export function filterClients(index: readonly SearchableClient[], filter: ClientFilter, lng: string): ClientView[] {
  const query = foldForSearch(filter.query);
  const collator = new Intl.Collator(lng);
  return index
    .filter(
      (s) =>
        (filter.municipality === '' || s.client.fields.homeMunicipality === filter.municipality) &&
        (filter.status === '' || s.client.fields.status === filter.status) &&
        matchesQuery(s.folded, query),
    )
    .map((s) => s.client)
    .sort(
      (a, b) =>
        collator.compare(a.fields.lastName, b.fields.lastName) || collator.compare(a.fields.firstNames, b.fields.firstNames),
    );
}
