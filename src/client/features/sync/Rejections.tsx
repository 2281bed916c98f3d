import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { appDb } from '../../db/index.ts';
import { dismissRejections, listRejections } from '../../db/rejectionsRepo.ts';
import { Button } from '../../ui/Button.tsx';

/** Changes the server refused: shown, never dropped silently, until a person has read them. */
export function Rejections() {
  const { t } = useTranslation(['common', 'errors']);
  const rejections = useLiveQuery(() => listRejections(appDb()), []);
  if (!rejections || rejections.length === 0) return null;
  return (
    <div className="sync-rejections" role="alert">
      <p>{t('sync.rejected', { count: rejections.length })}</p>
      <ul>
        {rejections.map((r) => (
          <li key={r.id}>{t(`errors:${r.code}`)}</li>
        ))}
      </ul>
      <Button variant="quiet" onPress={() => void dismissRejections(appDb())}>
        {t('sync.dismiss')}
      </Button>
    </div>
  );
}
