import { useTranslation } from 'react-i18next';
import type { StartupProblem } from './appProblem.ts';
import { ErrorForSupport } from './ErrorForSupport.tsx';
import { StoppedScreen } from './StoppedScreen.tsx';

interface Props {
  readonly problem: StartupProblem;
  /** The error as the browser gave it, for IT support. */
  readonly detail: string;
}

/** In place of the app when it cannot start, rather than a blank page. */
export function StartupProblemScreen({ problem, detail }: Props) {
  const { t } = useTranslation('common');
  return (
    <StoppedScreen title={t('startup.title')} message={t(`startup.${problem}`)} reload={t('startup.retry')}>
      <ErrorForSupport detail={detail} />
    </StoppedScreen>
  );
}
