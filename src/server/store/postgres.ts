import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { createKyselyStore } from './kyselyStore.ts';
import type { Database } from './schema.ts';
import type { Store } from './types.ts';

export interface PostgresOptions {
  readonly connectionString: string;
  readonly maxConnections?: number;
  /** Called when an idle pooled connection fails (e.g. the server restarted); without a listener pg would crash. */
  readonly onPoolError?: (error: Error) => void;
}

export function openPostgresStore(options: PostgresOptions): Store {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  pool.on('error', options.onPoolError ?? (() => undefined));
  return createKyselyStore(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
}
