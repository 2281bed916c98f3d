import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import type { SaveFailure } from '../../app/appProblem.ts';
import { SaveFailureAlert } from './SaveFailureAlert.tsx';
import type { DraftFailure } from './useDraftForm.ts';

interface Props {
  readonly saving: boolean;
  /** Why the last save did not reach the device's storage, shown above the buttons until the next try. */
  readonly saveFailure: SaveFailure | null;
  /**
   * Why what is typed is not kept as a draft on the device, or why the draft kept could not be read; a failed save
   * says more, so it is shown instead.
   */
  readonly draftFailure: DraftFailure | null;
  readonly onCancel: () => void;
}

/** Save and Cancel, the same on every form. */
export function FormActions({ saving, saveFailure, draftFailure, onCancel }: Props) {
  const { t } = useTranslation('common');
  return (
    <>
      {saveFailure !== null ? <SaveFailureAlert failure={saveFailure} /> : draftFailure !== null && <SaveFailureAlert failure={draftFailure} of="draft" />}
      <div className="form-actions">
        <Button type="submit" isDisabled={saving}>
          {t('action.save')}
        </Button>
        <Button variant="secondary" onPress={onCancel}>
          {t('action.cancel')}
        </Button>
      </div>
    </>
  );
}
