import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { requestErrorText } from '../online/requestError.ts';
import type { Loaded } from './useOnlineLoad.ts';

/** What a screen shows instead of its data while it cannot show the data: offline, loading, or failed. */
export function LoadStatus<T>({ state, onRetry }: { readonly state: Loaded<T>; readonly onRetry: () => void }) {
  const { t } = useTranslation(['admin', 'errors']);
  if (state.status === 'ready') return null;
  if (state.status === 'offline') {
    return (
      <p role="status" className="admin-notice">
        {t('status.offline')}
      </p>
    );
  }
  if (state.status === 'loading') {
    return (
      <p role="status" className="admin-loading">
        {t('status.loading')}
      </p>
    );
  }
  return (
    <div role="alert" className="admin-notice admin-error">
      <p>{requestErrorText(t, state.code)}</p>
      <Button variant="secondary" onPress={onRetry}>
        {t('status.retry')}
      </Button>
    </div>
  );
}
