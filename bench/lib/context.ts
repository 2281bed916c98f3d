/** What every suite gets from the runner: options, the built pages, and the shared browser and pouchdb-server. */
import type { BenchBrowser } from './browser.ts';
import type { BuiltPages } from './pageBuild.ts';
import type { Child } from './processes.ts';

export interface BenchContext {
  readonly quick: boolean;
  /**
   * Builds of the app (copies of dist/client) that P3 compares instead of measuring the bars: each served by its
   * own server over one store, their runs interleaved (--compare).
   */
  readonly compare: readonly string[];
  readonly pages: BuiltPages;
  /** Opened on first use, closed by the runner. */
  browser(): Promise<BenchBrowser>;
  /** Started on first use, stopped by the runner. */
  pouchServer(): Promise<Child>;
  log(message: string): void;
}
