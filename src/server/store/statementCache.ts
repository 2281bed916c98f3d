/**
 * Kysely's SQLite driver prepares every query afresh; with better-sqlite3 preparing is a tenth of a pull's CPU
 * time. The driver asks only for `prepare` and `close`, so it gets a database whose `prepare` reuses statements
 * by their SQL text. Queries whose text varies with their input (a list of n ids, n rows inserted) would fill the
 * cache, so the least recently used statement goes first.
 */
import type { Database as BetterSqlite3Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

export const STATEMENT_CACHE_SIZE = 256;

export function withStatementCache(database: BetterSqlite3Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        if (statements.size >= size) {
          const oldest = statements.keys().next();
          if (oldest.done !== true) statements.delete(oldest.value);
        }
      } else {
        // Map keeps insertion order: taking it out and back in makes it the most recently used.
        statements.delete(sql);
      }
      statements.set(sql, statement);
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}
