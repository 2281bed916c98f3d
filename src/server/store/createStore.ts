import { openPostgresStore } from './postgres.ts';
import { openSqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';

export interface StoreConfig {
  /** Where the SQLite file lives when no PostgreSQL URL is given. */
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
  readonly onPoolError?: (error: Error) => void;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

/** PostgreSQL when DATABASE_URL names one, else SQLite in the data directory. Call `migrate()` before use. */
export async function createStore(config: StoreConfig): Promise<Store> {
  if (isPostgresUrl(config.databaseUrl)) {
    return openPostgresStore({
      connectionString: config.databaseUrl,
      ...(config.onPoolError ? { onPoolError: config.onPoolError } : {}),
    });
  }
  return openSqliteStore(config.dataDir);
}
