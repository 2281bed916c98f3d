import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Input, Label, SearchField } from 'react-aria-components';
import type { ClientStatus } from '#shared/schema/client.ts';
import type { Municipality } from '#shared/schema/common.ts';
import { SelectField } from '../../ui/SelectField.tsx';
import { useClients } from './useClients.ts';
import { filterClients, indexClients, prepareSearch, type ClientFilter } from './clientSearch.ts';
import { onIdle } from '../../platform/idle.ts';
import { municipalityOptions, statusOptions } from './options.ts';
import { ClientList } from './ClientList.tsx';

const ALL = 'all';
/** The names are folded for search once the list is up, in an idle moment, or after this long at the latest. */
const SEARCH_WARM_UP_MS = 2000;

export function ClientListScreen() {
  const { t, i18n } = useTranslation(['clients', 'common']);
  const clients = useClients();
  const [filter, setFilter] = useState<ClientFilter>({ query: '', municipality: '', status: '' });
  const deferredFilter = useDeferredValue(filter);
  const index = useMemo(() => indexClients(clients ?? [], i18n.language), [clients, i18n.language]);
  const shown = useMemo(() => filterClients(index, deferredFilter), [index, deferredFilter]);
  useEffect(() => onIdle(() => prepareSearch(index), SEARCH_WARM_UP_MS), [index]);
  // A select needs a real key for "all"; the filter itself keeps '' for "no restriction".
  const all = { id: ALL, label: t('clients:filter.all') };
  const fromKey = (key: string) => (key === ALL ? '' : key);

  return (
    <section aria-labelledby="clients-heading">
      <div className="screen-header">
        <h1 id="clients-heading">{t('clients:list.title')}</h1>
        <Link href="/clients/new" className="button button-primary">
          {t('clients:list.newClient')}
        </Link>
      </div>
      <div role="search" className="filters">
        <SearchField className="field filter-search" value={filter.query} onChange={(query) => setFilter({ ...filter, query })}>
          <Label className="field-label">{t('clients:filter.search')}</Label>
          {/* A name searched for would otherwise be kept in the browser's autocomplete history, on disk, in plain text. */}
          <Input className="field-input" autoComplete="off" />
        </SearchField>
        <SelectField
          label={t('clients:filter.municipality')}
          options={[all, ...municipalityOptions(t)]}
          value={filter.municipality || ALL}
          onChange={(v) => setFilter({ ...filter, municipality: fromKey(v) as Municipality | '' })}
        />
        <SelectField
          label={t('clients:filter.status')}
          options={[all, ...statusOptions(t)]}
          value={filter.status || ALL}
          onChange={(v) => setFilter({ ...filter, status: fromKey(v) as ClientStatus | '' })}
        />
      </div>
      <p role="status" className="result-count">
        {clients === undefined ? t('common:loading') : t('clients:list.count', { count: shown.length })}
      </p>
      {clients !== undefined && clients.length === 0 && <p>{t('clients:list.empty')}</p>}
      {shown.length > 0 && <ClientList clients={shown} />}
    </section>
  );
}
