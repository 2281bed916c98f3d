import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { ProgressBar, Label } from 'react-aria-components';
import { appDb } from '../../db/index.ts';
import { readLastSync } from '../../db/syncMeta.ts';
import { useSyncState } from '../../state/syncState.ts';
import { signInAgain } from '../../session/session.ts';
import { syncNow } from '../../sync/appSync.ts';
import { Button } from '../../ui/Button.tsx';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { usePersistence } from './usePersistence.ts';
import { Rejections } from './Rejections.tsx';
import { useUnsyncedCount } from './useUnsyncedCount.ts';

/** Sync status for the person holding the tablet: what is waiting, what is happening, what went wrong. */
export function SyncPanel() {
  const { t, i18n } = useTranslation(['common', 'errors', 'session']);
  const lng = i18n.language;
  const { running, progress, lastError, removedClients } = useSyncState();
  const lastSync = useLiveQuery(() => readLastSync(appDb()), []);
  const unsynced = useUnsyncedCount() ?? 0;
  const { persistence, nearlyFull } = usePersistence();
  const atRisk = unsynced > 0 && (persistence === 'denied' || nearlyFull);

  return (
    <section className="sync-panel" aria-label={t('sync.label')}>
      <p className="sync-last" data-testid="last-sync">
        {lastSync ? t('sync.lastSynced', { time: formatDateTime(new Date(lastSync).toISOString(), lng) }) : t('sync.never')}
      </p>
      <Button variant="secondary" onPress={() => void syncNow()} isDisabled={running}>
        {t('sync.now')}
      </Button>
      {running && (
        <ProgressBar
          className="sync-progress"
          value={progress?.done ?? 0}
          maxValue={Math.max(progress?.total ?? 1, 1)}
          isIndeterminate={progress === null}
          valueLabel={progress ? t('sync.count', { done: formatNumber(progress.done, lng), total: formatNumber(progress.total, lng) }) : ''}
        >
          {({ percentage, valueText }) => (
            <>
              <Label>{progress?.phase === 'push' ? t('sync.sending') : t('sync.receiving')}</Label>
              <span className="sync-progress-value">{valueText}</span>
              <div className="sync-progress-track">
                <div className="sync-progress-fill" style={{ inlineSize: `${percentage ?? 0}%` }} />
              </div>
            </>
          )}
        </ProgressBar>
      )}
      {lastError && !running && (
        <p className="sync-error" role="alert">
          {lastError === 'deviceStorageFull' || lastError === 'deviceStorageFailed' ? t(`sync.deviceStorage.${lastError}`) : t(`errors:${lastError}`)}{' '}
          {lastError === 'signInRequired' ? (
            <Button variant="quiet" onPress={signInAgain}>
              {t('session:account.reauth')}
            </Button>
          ) : (
            <Button variant="quiet" onPress={() => void syncNow()}>
              {t('sync.retry')}
            </Button>
          )}
        </p>
      )}
      {persistence === 'persisted' && <p className="sync-storage">{t('sync.storagePersisted')}</p>}
      {persistence === 'denied' && !atRisk && <p className="sync-storage">{t('sync.storageNotPersisted')}</p>}
      {atRisk && (
        <p className="sync-warning" role="alert">
          {nearlyFull ? t('sync.storageFull') : t('sync.storageAtRisk')}
        </p>
      )}
      {removedClients > 0 && (
        <p className="sync-removed" role="status">
          {t('sync.removedClients', { count: removedClients })}{' '}
          <Button variant="quiet" onPress={() => useSyncState.setState({ removedClients: 0 })}>
            {t('sync.dismiss')}
          </Button>
        </p>
      )}
      <Rejections />
    </section>
  );
}
