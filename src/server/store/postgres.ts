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
    // Every query here reads or writes a handful of rows. Right after a large import, before autovacuum has
    // analysed the table, the planner took a pull of 10 records for a scan of thousands and ran it in parallel:
    // starting the workers cost 60 ms a pull and cut 200 devices' pulls from about 400/s to 45/s.
    options: '-c max_parallel_workers_per_gather=0',
  });
  pool.on('error', options.onPoolError ?? (() => undefined));
  return createKyselyStore(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
}
