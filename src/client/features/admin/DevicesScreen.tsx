import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceDetails } from '#shared/schema/admin.ts';
import { listDevices, revokeDevice } from '../../admin/adminApi.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { DataText, SLOT, withDataText } from '../../ui/DataText.tsx';
import { ConfirmDialog } from '../online/ConfirmDialog.tsx';
import { AdminTable, type Column } from './AdminTable.tsx';
import { LoadStatus } from './LoadStatus.tsx';
import { useOnlineLoad } from './useOnlineLoad.ts';

/** The devices in use first: revoked ones stay listed below, as a record of what was removed. */
const byLastSeen = (a: DeviceDetails, b: DeviceDetails) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.lastSeenAt.localeCompare(a.lastSeenAt);

/** Every device an account has signed in on, and revocation for one that is lost or no longer used. */
export function DevicesScreen() {
  const { t, i18n } = useTranslation('admin');
  const lng = i18n.language;
  const load = useCallback((signal: AbortSignal) => listDevices(signal).then((list) => list.sort(byLastSeen)), []);
  const { state, online, retry, update } = useOnlineLoad(load);

  const revoke = async (device: DeviceDetails) => {
    const revoked = await revokeDevice(device.id);
    update((list) => list.map((d) => (d.id === revoked.id ? revoked : d)));
  };

  const columns: Column<DeviceDetails>[] = [
    { header: t('devices.column.account'), cell: (d) => <DataText field="username">{d.username}</DataText> },
    { header: t('devices.column.name'), cell: (d) => <DataText field="deviceName">{d.name === '' ? t('devices.unnamed') : d.name}</DataText> },
    { header: t('devices.column.registered'), cell: (d) => formatDateTime(d.registeredAt, lng) },
    { header: t('devices.column.lastSeen'), cell: (d) => formatDateTime(d.lastSeenAt, lng) },
    {
      header: t('devices.column.status'),
      cell: (d) => (d.revokedAt === null ? t('devices.status.active') : t('devices.status.revoked', { time: formatDateTime(d.revokedAt, lng) })),
    },
    {
      header: t('devices.column.actions'),
      cell: (d) =>
        d.revokedAt === null && (
          <ConfirmDialog
            trigger={t('devices.revoke')}
            title={withDataText(t('devices.revokeTitle', { username: SLOT }), <DataText field="username">{d.username}</DataText>)}
            explanation={t('devices.revokeExplanation')}
            confirm={t('devices.revoke')}
            onConfirm={() => revoke(d)}
            isDisabled={!online}
          />
        ),
    },
  ];

  return (
    <section aria-labelledby="devices-heading">
      <h1 id="devices-heading">{t('devices.title')}</h1>
      <p>{t('devices.intro')}</p>
      <LoadStatus state={state} onRetry={retry} />
      {state.status === 'ready' && <AdminTable caption={t('devices.count', { count: state.value.length })} columns={columns} rows={state.value} />}
    </section>
  );
}
