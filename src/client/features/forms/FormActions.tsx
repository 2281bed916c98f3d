import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';

/** Save and Cancel, the same on every form. */
export function FormActions({ saving, onCancel }: { readonly saving: boolean; readonly onCancel: () => void }) {
  const { t } = useTranslation('common');
  return (
    <div className="form-actions">
      <Button type="submit" isDisabled={saving}>
        {t('action.save')}
      </Button>
      <Button variant="secondary" onPress={onCancel}>
        {t('action.cancel')}
      </Button>
    </div>
  );
}
