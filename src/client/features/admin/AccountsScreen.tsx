import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useHistoryState } from 'wouter/use-browser-location';
import type { AccountDetails } from '#shared/schema/admin.ts';
import { listAccounts, updateAccount } from '../../admin/adminApi.ts';
import { useSessionState } from '../../state/sessionState.ts';
import { DataText, SLOT, withDataText } from '../../ui/DataText.tsx';
import { accountStatusText, municipalitiesText } from './accountText.ts';
import { ConfirmDialog } from '../online/ConfirmDialog.tsx';
import { AdminTable, type Column } from './AdminTable.tsx';
import { LoadStatus } from './LoadStatus.tsx';
import type { CreatedState } from './NewAccountScreen.tsx';
import { useOnlineLoad } from './useOnlineLoad.ts';

const byUsername = (a: AccountDetails, b: AccountDetails) => a.username.localeCompare(b.username);

/** Who may sign in: every account, and the switch that stops (or lets again) one of them. */
export function AccountsScreen() {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const ownId = useSessionState((s) => s.account?.id);
  const load = useCallback((signal: AbortSignal) => listAccounts(signal).then((list) => list.sort(byUsername)), []);
  const { state, online, retry, update } = useOnlineLoad(load);
  const created = useHistoryState<CreatedState | null>()?.created;

  const setDisabled = async (account: AccountDetails, disabled: boolean) => {
    const changed = await updateAccount(account.id, { disabled });
    update((list) => list.map((a) => (a.id === changed.id ? changed : a)));
  };

  const columns: Column<AccountDetails>[] = [
    { header: t('accounts.column.username'), cell: (a) => <DataText field="username">{a.username}</DataText> },
    { header: t('accounts.column.displayName'), cell: (a) => <DataText field="displayName">{a.displayName}</DataText> },
    { header: t('accounts.column.role'), cell: (a) => t(`role.${a.role}`) },
    { header: t('accounts.column.municipalities'), cell: (a) => municipalitiesText(a, t) },
    { header: t('accounts.column.status'), cell: (a) => accountStatusText(a, t, i18n.language) },
    {
      header: t('accounts.column.actions'),
      cell: (a) =>
        a.id === ownId ? (
          t('accounts.you')
        ) : (
          <ConfirmDialog
            trigger={a.disabled ? t('accounts.enable') : t('accounts.disable')}
            title={withDataText(
              a.disabled ? t('accounts.enableTitle', { username: SLOT }) : t('accounts.disableTitle', { username: SLOT }),
              <DataText field="username">{a.username}</DataText>,
            )}
            explanation={a.disabled ? t('accounts.enableExplanation') : t('accounts.disableExplanation')}
            confirm={a.disabled ? t('accounts.enable') : t('accounts.disable')}
            onConfirm={() => setDisabled(a, !a.disabled)}
            isDisabled={!online}
          />
        ),
    },
  ];

  return (
    <section aria-labelledby="accounts-heading">
      <div className="screen-header">
        <h1 id="accounts-heading">{t('accounts.title')}</h1>
        {online && (
          <Link href="/accounts/new" className="button button-primary">
            {t('accounts.new')}
          </Link>
        )}
      </div>
      {created !== undefined && (
        <p role="status" className="admin-notice">
          {withDataText(t('accounts.created', { username: SLOT }), <DataText field="username">{created}</DataText>)}
        </p>
      )}
      <LoadStatus state={state} onRetry={retry} />
      {state.status === 'ready' && <AdminTable caption={t('accounts.count', { count: state.value.length })} columns={columns} rows={state.value} />}
    </section>
  );
}
