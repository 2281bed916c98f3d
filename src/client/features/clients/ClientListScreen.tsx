import { memo, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Input, Label, SearchField } from 'react-aria-components';
import type { ClientStatus } from '#shared/schema/client.ts';
import type { Municipality } from '#shared/schema/common.ts';
import { NativeSelectField } from '../../ui/NativeSelectField.tsx';
import type { ClientListRow } from '../../db/clientIndex.ts';
import { useClients } from './useClients.ts';
import { filterClients, indexClients, prepareSearch, type ClientFilter, type SearchableClient } from './clientSearch.ts';
import { onIdle } from '../../platform/idle.ts';
import { municipalityOptions, statusOptions } from './options.ts';
import { ClientList } from './ClientList.tsx';

const ALL = 'all';
/** The names are folded for search once the list is up, in an idle moment, or after this long at the latest. */
const SEARCH_WARM_UP_MS = 2000;

/**
 * A keystroke renders twice (useDeferredValue): at once, only the search box; then, interruptibly, the results. The
 * filters and the results are memoised apart so that neither pass renders what did not change: re-rendering the
 * filters (then popover selects) in both passes made typing a name take about twice as long at 4x CPU slowdown
 * (the 13 keystrokes of "korhonen aino" among 10,000 clients: 1.7 s → 0.9 s in all).
 */
export function ClientListScreen() {
  const { t, i18n } = useTranslation(['clients', 'common']);
  const clients = useClients();
  const [filter, setFilter] = useState<ClientFilter>({ query: '', municipality: '', status: '' });
  const deferredFilter = useDeferredValue(filter);
  const index = useMemo(() => indexClients(clients ?? [], i18n.language), [clients, i18n.language]);
  useEffect(() => onIdle(() => prepareSearch(index), SEARCH_WARM_UP_MS), [index]);
  const onQuery = useCallback((query: string) => setFilter((f) => ({ ...f, query })), []);
  const onMunicipality = useCallback((municipality: Municipality | '') => setFilter((f) => ({ ...f, municipality })), []);
  const onStatus = useCallback((status: ClientStatus | '') => setFilter((f) => ({ ...f, status })), []);

  return (
    <section aria-labelledby="clients-heading">
      <div className="screen-header">
        <h1 id="clients-heading">{t('clients:list.title')}</h1>
        <Link href="/clients/new" className="button button-primary">
          {t('clients:list.newClient')}
        </Link>
      </div>
      <div role="search" className="filters">
        <SearchField className="field filter-search" value={filter.query} onChange={onQuery}>
          <Label className="field-label">{t('clients:filter.search')}</Label>
          {/* A name searched for would otherwise be kept in the browser's autocomplete history, on disk, in plain text. */}
          <Input className="field-input" autoComplete="off" />
        </SearchField>
        <ClientFilterSelects municipality={filter.municipality} status={filter.status} onMunicipality={onMunicipality} onStatus={onStatus} />
      </div>
      <ClientResults clients={clients} index={index} filter={deferredFilter} />
    </section>
  );
}

interface FilterSelectsProps {
  readonly municipality: Municipality | '';
  readonly status: ClientStatus | '';
  readonly onMunicipality: (municipality: Municipality | '') => void;
  readonly onStatus: (status: ClientStatus | '') => void;
}

const ClientFilterSelects = memo(function ClientFilterSelects({ municipality, status, onMunicipality, onStatus }: FilterSelectsProps) {
  const { t } = useTranslation(['clients', 'common']);
  // A select needs a real key for "all"; the filter itself keeps '' for "no restriction". `t` is a new function
  // whenever the language (or its loaded text) changes, so the options follow the UI language.
  const [municipalities, statuses] = useMemo(() => {
    const all = { id: ALL, label: t('clients:filter.all') };
    return [[all, ...municipalityOptions(t)], [all, ...statusOptions(t)]];
  }, [t]);
  const fromKey = (key: string) => (key === ALL ? '' : key);
  return (
    <>
      <NativeSelectField
        label={t('clients:filter.municipality')}
        options={municipalities}
        value={municipality || ALL}
        onChange={(v) => onMunicipality(fromKey(v) as Municipality | '')}
      />
      <NativeSelectField
        label={t('clients:filter.status')}
        options={statuses}
        value={status || ALL}
        onChange={(v) => onStatus(fromKey(v) as ClientStatus | '')}
      />
    </>
  );
});

interface ResultsProps {
  /** Undefined until the list is decrypted after unlock. */
  readonly clients: readonly ClientListRow[] | undefined;
  readonly index: readonly SearchableClient[];
  readonly filter: ClientFilter;
}

const ClientResults = memo(function ClientResults({ clients, index, filter }: ResultsProps) {
  const { t } = useTranslation(['clients', 'common']);
  const shown = useMemo(() => filterClients(index, filter), [index, filter]);
  return (
    <>
      <p role="status" className="result-count">
        {clients === undefined ? t('common:loading') : t('clients:list.count', { count: shown.length })}
      </p>
      {clients !== undefined && clients.length === 0 && <p>{t('clients:list.empty')}</p>}
      {shown.length > 0 && <ClientList clients={shown} />}
    </>
  );
});
