import { useTranslation } from 'react-i18next';
import type { SaveFailure } from '../../app/appProblem.ts';
import { ErrorForSupport } from '../../app/ErrorForSupport.tsx';

/** Why a save did not reach the device's storage, with the browser's error for IT support. */
export function SaveFailureAlert({ failure }: { readonly failure: SaveFailure }) {
  const { t } = useTranslation('common');
  return (
    <div role="alert" className="save-failure">
      <p className="form-error">{t(`saveFailure.${failure.problem}`)}</p>
      <ErrorForSupport detail={failure.detail} />
    </div>
  );
}
