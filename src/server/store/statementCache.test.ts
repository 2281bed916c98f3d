import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './statementCache.ts';

describe('withStatementCache', () => {
  const opened: BetterSqlite3.Database[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
  });

  function open() {
    const db = new BetterSqlite3(':memory:');
    opened.push(db);
    db.exec('CREATE TABLE t (n INTEGER)');
    return db;
  }

  it('answers the same statement for the same SQL, and it runs with new parameters each time', () => {
    const cached = withStatementCache(open());
    const insert = cached.prepare('INSERT INTO t (n) VALUES (?)');
    insert.run([1]);
    expect(cached.prepare('INSERT INTO t (n) VALUES (?)')).toBe(insert);
    cached.prepare('INSERT INTO t (n) VALUES (?)').run([2]);
    expect(cached.prepare('SELECT n FROM t ORDER BY n').all([])).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('keeps at most its size, dropping the least recently used statement first', () => {
    const cached = withStatementCache(open(), 2);
    const a = cached.prepare('SELECT 1');
    const b = cached.prepare('SELECT 2');
    expect(cached.prepare('SELECT 1')).toBe(a);
    cached.prepare('SELECT 3');
    expect(cached.prepare('SELECT 1')).toBe(a);
    expect(cached.prepare('SELECT 2')).not.toBe(b);
  });

  it('closes the database', () => {
    const db = open();
    withStatementCache(db).close();
    expect(db.open).toBe(false);
  });
});
