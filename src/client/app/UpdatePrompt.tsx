import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { reloadWhenNewVersionControls } from '../platform/appUpdate.ts';
import { Button } from '../ui/Button.tsx';

/**
 * Tells the user when a new version has been downloaded. Reloading is safe at any time: forms keep drafts on the
 * device and unsynced changes stay queued in IndexedDB.
 */
export function UpdatePrompt() {
  const { t } = useTranslation('common');
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      // Tablets stay open all day: look for a new version every hour, not only at start.
      if (registration) setInterval(() => void registration.update(), 60 * 60 * 1000);
    },
  });
  if (!needRefresh) return null;
  return (
    <div className="update-prompt" role="alert">
      <span>{t('update.available')}</span>
      <Button
        onPress={() => {
          reloadWhenNewVersionControls();
          void updateServiceWorker(true);
        }}
      >
        {t('update.reload')}
      </Button>
      <Button variant="quiet" onPress={() => setNeedRefresh(false)}>{t('update.later')}</Button>
    </div>
  );
}
