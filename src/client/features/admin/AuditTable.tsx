import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '#shared/schema/audit.ts';
import { SYSTEM_ACCOUNT_ID } from '#shared/schema/audit.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { DataText } from '../../ui/DataText.tsx';
import { AdminTable, type Column } from './AdminTable.tsx';

interface AuditTableProps {
  readonly entries: readonly AuditEntry[];
  /** Usernames by account id, so a row says who rather than an id. */
  readonly usernames: ReadonlyMap<string, string>;
  readonly caption: string;
}

/** One page of the log: who did what to which record, when, from which device. Never any record content. */
export function AuditTable({ entries, usernames, caption }: AuditTableProps) {
  const { t, i18n } = useTranslation('admin');
  const who = (accountId: string) => (accountId === SYSTEM_ACCOUNT_ID ? t('audit.system') : (usernames.get(accountId) ?? accountId));
  const columns: Column<AuditEntry>[] = [
    { header: t('audit.column.at'), cell: (e) => formatDateTime(e.at, i18n.language) },
    { header: t('audit.column.account'), cell: (e) => <DataText field="username">{who(e.accountId)}</DataText> },
    { header: t('audit.column.action'), cell: (e) => t(`audit.action.${e.action}`) },
    {
      header: t('audit.column.record'),
      cell: (e) => (
        <>
          {t(`audit.recordType.${e.recordType}`)} <DataText field="id">{e.recordId}</DataText>
        </>
      ),
    },
    { header: t('audit.column.client'), cell: (e) => <DataText field="id">{e.clientId ?? t('audit.noClient')}</DataText> },
    { header: t('audit.column.device'), cell: (e) => <DataText field="id">{e.deviceId}</DataText> },
  ];
  return <AdminTable caption={caption} columns={columns} rows={entries} />;
}
