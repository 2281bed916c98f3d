import './zodConfig.ts';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
// The weight files declare every subset with its unicode-range, so a page downloads only the subsets its text
// uses. (The per-subset files declare none: every face then claimed every character, and the sign-in screen
// downloaded all eight, about 210 kB, on a first visit.)
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/700.css';
import './styles.css';
import { startI18n } from '../i18n/i18n.ts';
import { App } from './App.tsx';
import { loadFirstScreen } from './lazyParts.tsx';
import { sayWhenDatabaseKeptWaiting, startSession, stopWhenDatabaseReplaced } from '../session/session.ts';
import { readUnsyncedCountAhead } from '../features/sync/useUnsyncedCount.ts';
import { describeError, siteDataAllowed, storageProblemOf, type StartupProblem } from './appProblem.ts';
import { StartupProblemScreen } from './StartupProblemScreen.tsx';
import { DatabaseReplacedScreen } from './DatabaseReplacedScreen.tsx';
import { KeptWaitingScreen } from './KeptWaitingScreen.tsx';
import { useDatabaseState } from '../state/databaseState.ts';

type Started = { readonly problem: null } | { readonly problem: StartupProblem; readonly error: unknown };

const started = (work: Promise<unknown>, problemOf: (error: unknown) => StartupProblem): Promise<Started> =>
  work.then(
    () => ({ problem: null }),
    (error: unknown) => ({ problem: problemOf(error), error }),
  );

/** The app, until another tab replaces the database under it. */
function AppUntilReplaced() {
  const replacedBy = useDatabaseState((s) => s.replacedBy);
  return replacedBy === null ? <App /> : <DatabaseReplacedScreen by={replacedBy} />;
}

const rootElement = document.getElementById('root');
const root = rootElement === null ? null : createRoot(rootElement);
const show = (i18n: I18n, screen: ReactNode) =>
  root?.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>{screen}</I18nextProvider>
    </StrictMode>,
  );

const i18nStarted = startI18n();
let decided = false;
stopWhenDatabaseReplaced();
// Otherwise the page would stay blank for as long as another tab holds the database this one must upgrade.
sayWhenDatabaseKeptWaiting(() => {
  void i18nStarted.then((i18n) => {
    if (!decided) show(i18n, <KeptWaitingScreen />);
  });
});
// The session's first screen is decided from IndexedDB while the language and that screen's code load, so nothing
// flashes, and the header's count of unsynced changes is read meanwhile, so it does not appear after the screen.
const [i18n, storage, code] = await Promise.all([
  i18nStarted,
  started(Promise.all([startSession(), readUnsyncedCountAhead()]), (error) => storageProblemOf(error, siteDataAllowed())),
  started(loadFirstScreen(), () => 'codeNotLoaded'),
]);
decided = true;
const failed = storage.problem !== null ? storage : code.problem !== null ? code : null;
show(i18n, failed === null ? <AppUntilReplaced /> : <StartupProblemScreen problem={failed.problem} detail={describeError(failed.error)} />);
