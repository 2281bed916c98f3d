import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { createKyselyStore } from './kyselyStore.ts';
import type { Database } from './schema.ts';
import type { Store } from './types.ts';

export interface PostgresOptions {
  readonly connectionString: string;
  readonly maxConnections?: number;
  /**
   * Called when a pooled connection fails (e.g. the server restarted), idle or in use; without a listener pg would
   * crash the process.
   */
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
  const onError = options.onPoolError ?? (() => undefined);
  pool.on('error', onError);
  // The pool listens only to idle connections. One cut while a query runs fails that query (the request then
  // answers 503) and also emits 'error' on its client, which with nobody listening would end the whole process.
  pool.on('connect', (client) => client.on('error', onError));
  return createKyselyStore(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
}
