/** What every suite gets from the runner: options, the built pages, and the shared browser and pouchdb-server. */
import type { BenchBrowser } from './browser.ts';
import type { BuiltPages } from './pageBuild.ts';
import type { Child } from './processes.ts';

export interface BenchContext {
  readonly quick: boolean;
  readonly pages: BuiltPages;
  /** Opened on first use, closed by the runner. */
  browser(): Promise<BenchBrowser>;
  /** Started on first use, stopped by the runner. */
  pouchServer(): Promise<Child>;
  log(message: string): void;
}
