import { useTranslation } from 'react-i18next';
import type { SaveFailure } from '../../app/appProblem.ts';
import { ErrorForSupport } from '../../app/ErrorForSupport.tsx';
import type { DraftFailure } from './useDraftForm.ts';

/** What was not kept: what a person saved, or the draft kept while they type. */
type Props = { readonly failure: SaveFailure; readonly of?: 'save' } | { readonly failure: DraftFailure; readonly of: 'draft' };

/** Why a save did not reach the device's storage, with the browser's error for IT support. */
export function SaveFailureAlert(props: Props) {
  const { t } = useTranslation('common');
  return (
    <div role="alert" className="save-failure">
      <p className="form-error">{t(props.of === 'draft' ? `draftFailure.${props.failure.problem}` : `saveFailure.${props.failure.problem}`)}</p>
      <ErrorForSupport detail={props.failure.detail} />
    </div>
  );
}
