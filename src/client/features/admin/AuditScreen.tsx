import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditExportUrl, listAccounts, readAuditPage, type AuditFilter } from '../../admin/adminApi.ts';
import { formatNumber } from '../../i18n/format.ts';
import { Button } from '../../ui/Button.tsx';
import { AuditFilters } from './AuditFilters.tsx';
import { AuditTable } from './AuditTable.tsx';
import { LoadStatus } from './LoadStatus.tsx';
import { useOnlineLoad } from './useOnlineLoad.ts';

const PAGE_SIZE = 50;

/**
 * The audit log (Act 906/2019 §17), filtered and a page at a time, and the whole filtered log as CSV. The API pages
 * by cursor, so going back means remembering the cursors of the pages already seen.
 */
export function AuditScreen() {
  const { t, i18n } = useTranslation('admin');
  const [filter, setFilter] = useState<AuditFilter>({});
  /** The cursor each visited page was asked with; the last is the page shown. */
  const [cursors, setCursors] = useState<readonly (string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const load = useCallback((signal: AbortSignal) => readAuditPage(filter, cursor, PAGE_SIZE, signal), [filter, cursor]);
  const { state, online, retry } = useOnlineLoad(load);
  const loadAccounts = useCallback((signal: AbortSignal) => listAccounts(signal), []);
  const accounts = useOnlineLoad(loadAccounts).state;
  const accountList = useMemo(() => (accounts.status === 'ready' ? accounts.value : []), [accounts]);
  const usernames = useMemo(() => new Map(accountList.map((a) => [a.id, a.username])), [accountList]);

  // After a page turn the buttons pressed are gone for a moment: the reader goes on from the new page's heading.
  const results = useRef<HTMLHeadingElement>(null);
  const turned = useRef(false);
  useEffect(() => {
    if (state.status === 'ready' && turned.current) {
      turned.current = false;
      results.current?.focus();
    }
  }, [state]);
  const turnTo = (next: readonly (string | null)[]) => {
    turned.current = true;
    setCursors(next);
  };

  return (
    <section aria-labelledby="audit-heading">
      <div className="screen-header">
        <h1 id="audit-heading">{t('audit.title')}</h1>
        {online && (
          <a className="button button-secondary" href={auditExportUrl(filter)} download>
            {t('audit.export')}
          </a>
        )}
      </div>
      <p>{t('audit.intro')}</p>
      <AuditFilters
        accounts={accountList}
        onApply={(next) => {
          setFilter(next);
          setCursors([null]);
        }}
      />
      <h2 id="audit-results" ref={results} tabIndex={-1}>
        {t('audit.results', { page: formatNumber(cursors.length, i18n.language) })}
      </h2>
      <LoadStatus state={state} onRetry={retry} />
      {state.status === 'ready' &&
        (state.value.entries.length === 0 ? (
          <p role="status">{t('audit.empty')}</p>
        ) : (
          <>
            <AuditTable entries={state.value.entries} usernames={usernames} caption={t('audit.count', { count: state.value.entries.length })} />
            <nav className="form-actions admin-pager" aria-labelledby="audit-results">
              {cursors.length > 1 && (
                <Button variant="secondary" onPress={() => turnTo(cursors.slice(0, -1))}>
                  {t('audit.previous')}
                </Button>
              )}
              {state.value.cursor !== null && (
                <Button variant="secondary" onPress={() => turnTo([...cursors, state.value.cursor])}>
                  {t('audit.next')}
                </Button>
              )}
            </nav>
          </>
        ))}
    </section>
  );
}
