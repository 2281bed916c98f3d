/**
 * Name search and filters over the client list. Each keystroke must stay within 100 ms at 4x CPU slowdown over
 * 10,000 clients (QUALITY.md, P3), so everything that does not depend on the query is done once per version of
 * the list and kept: names are folded once per client object (the client index keeps an unchanged client's object
 * across versions), in an idle moment after the list is shown or else at the first search, and the list is sorted
 * once per version and language. A keystroke then only filters the sorted list (typing on, only the previous
 * keystroke's matches), which keeps its order.
 */
import type { ClientStatus } from '#shared/schema/client.ts';
import type { Municipality } from '#shared/schema/common.ts';
import { compareNames } from '#shared/domain/nameOrder.ts';
import { foldForSearch, matchesQueryWords, searchWords } from '#shared/domain/searchFolding.ts';
import type { ClientListRow } from '../../db/clientIndex.ts';

export interface ClientFilter {
  readonly query: string;
  readonly municipality: Municipality | '';
  readonly status: ClientStatus | '';
}

/**
 * A client with the words of their name folded for search when a search first needs them, not before the list's
 * first paint.
 */
export class SearchableClient {
  #words: readonly string[] | undefined = undefined;

  constructor(readonly client: ClientListRow) {}

  get words(): readonly string[] {
    this.#words ??= searchWords(foldForSearch(`${this.client.fields.firstNames} ${this.client.fields.lastName}`));
    return this.#words;
  }
}

const searchables = new WeakMap<ClientListRow, SearchableClient>();

function searchable(client: ClientListRow): SearchableClient {
  let entry = searchables.get(client);
  if (entry === undefined) {
    entry = new SearchableClient(client);
    searchables.set(client, entry);
  }
  return entry;
}

/** Folds every name ahead of the first search (the app calls it once the browser is idle). */
export function prepareSearch(index: readonly SearchableClient[]): void {
  for (const entry of index) void entry.words;
}

const sortedLists = new WeakMap<readonly ClientListRow[], Map<string, readonly SearchableClient[]>>();

/** The list in name order for the UI language (last name, then first names), made once per list and language. */
export function indexClients(clients: readonly ClientListRow[], lng: string): readonly SearchableClient[] {
  let byLanguage = sortedLists.get(clients);
  if (byLanguage === undefined) {
    byLanguage = new Map();
    sortedLists.set(clients, byLanguage);
  }
  let sorted = byLanguage.get(lng);
  if (sorted === undefined) {
    const collator = new Intl.Collator(lng);
    // The client index keeps the list in name order as it was last sealed, so this sort mostly confirms it.
    sorted = clients.map(searchable).sort((a, b) => compareNames(collator, a.client.fields, b.client.fields));
    byLanguage.set(lng, sorted);
  }
  return sorted;
}

interface LastSearch {
  readonly index: readonly SearchableClient[];
  readonly municipality: string;
  readonly status: string;
  readonly query: string;
  readonly matches: readonly SearchableClient[];
}

/** The previous search, which the next keystroke usually narrows. */
let last: LastSearch | null = null;

/**
 * The clients that match the filter, in the index's order. A query that extends the previous one (typing on) can
 * only match clients the previous one matched (each of its words starts with the previous one's word), so only
 * those are compared again.
 */
export function filterClients(index: readonly SearchableClient[], filter: ClientFilter): ClientListRow[] {
  const query = foldForSearch(filter.query);
  const narrows =
    last !== null &&
    last.index === index &&
    last.municipality === filter.municipality &&
    last.status === filter.status &&
    query.startsWith(last.query);
  const from = narrows && last !== null ? last.matches : index;
  const queryWords = query.split(' ');
  const matches = from.filter(
    (s) =>
      (filter.municipality === '' || s.client.fields.homeMunicipality === filter.municipality) &&
      (filter.status === '' || s.client.fields.status === filter.status) &&
      (query === '' || matchesQueryWords(s.words, queryWords)),
  );
  last = { index, municipality: filter.municipality, status: filter.status, query, matches };
  return matches.map((s) => s.client);
}
