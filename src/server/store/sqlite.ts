import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createKyselyStore } from './kyselyStore.ts';
import { withStatementCache } from './statementCache.ts';
import type { Database } from './schema.ts';
import type { Store } from './types.ts';

export const SQLITE_FILE_NAME = 'silta.sqlite';

/** Opens (creating if needed) `<dataDir>/silta.sqlite`. */
export async function openSqliteStore(dataDir: string): Promise<Store> {
  await mkdir(dataDir, { recursive: true });
  const database = new BetterSqlite3(join(dataDir, SQLITE_FILE_NAME));
  // WAL lets pulls read while a push writes; busy_timeout makes a second process wait for the write lock instead
  // of failing at once; synchronous=FULL keeps a committed push on disk even through a power cut.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  return createKyselyStore(new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) }), 'sqlite');
}
