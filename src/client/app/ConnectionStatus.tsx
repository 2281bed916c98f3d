import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { isOnline, subscribeOnline } from '../platform/onlineStatus.ts';
import { useUnsyncedCount } from '../features/sync/useUnsyncedCount.ts';

/** Online or offline, and how many local changes the server has not yet received. */
export function ConnectionStatus() {
  const { t } = useTranslation('common');
  const online = useSyncExternalStore(subscribeOnline, isOnline);
  const unsynced = useUnsyncedCount();
  return (
    <div className="connection" role="status">
      <span className={`connection-dot ${online ? 'is-online' : 'is-offline'}`} aria-hidden="true" />
      <span data-testid="connection-state">{online ? t('status.online') : t('status.offline')}</span>
      {unsynced !== undefined && (
        <span className="unsynced" data-testid="unsynced-count">
          {t('status.unsynced', { count: unsynced })}
        </span>
      )}
    </div>
  );
}
