import { useTranslation } from 'react-i18next';
import type { SaveFailure } from '../../app/appProblem.ts';
import { ErrorForSupport } from '../../app/ErrorForSupport.tsx';

interface Props {
  readonly failure: SaveFailure;
  /** What was not kept: what a person saved, or the draft kept while they type. */
  readonly of?: 'save' | 'draft';
}

/** Why a save did not reach the device's storage, with the browser's error for IT support. */
export function SaveFailureAlert({ failure, of = 'save' }: Props) {
  const { t } = useTranslation('common');
  return (
    <div role="alert" className="save-failure">
      <p className="form-error">{t(of === 'draft' ? `draftFailure.${failure.problem}` : `saveFailure.${failure.problem}`)}</p>
      <ErrorForSupport detail={failure.detail} />
    </div>
  );
}
