import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './databaseUnavailable.ts';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it("names SQLite's lock held elsewhere, in every variant of the code", () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']) {
      expect(isDatabaseUnavailable(withCode(code, 'database is locked'))).toBe(true);
    }
  });

  it('names PostgreSQL going away, refusing connections or cutting one, and the network to it failing', () => {
    for (const code of ['57P01', '57P02', '57P03', '53300', '40001', '40P01', '08000', '08006', '08P01', 'ECONNREFUSED', 'ECONNRESET']) {
      expect(isDatabaseUnavailable(withCode(code))).toBe(true);
    }
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Client was closed and is not queryable'))).toBe(true);
  });

  it('looks through the causes a failure was wrapped in', () => {
    expect(isDatabaseUnavailable(new Error('push failed', { cause: withCode('SQLITE_BUSY') }))).toBe(true);
  });

  it("does not name a fault of the request or of the code, or a cycle of causes, as the database's", () => {
    for (const code of ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CORRUPT', 'SQLITE_FULL', '23505', '42P01', '22P02', '53100', 'ERR_INVALID_ARG_TYPE']) {
      expect(isDatabaseUnavailable(withCode(code))).toBe(false);
    }
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('SQLITE_BUSY')).toBe(false);
    const loop: Error & { cause?: unknown } = new Error('a');
    loop.cause = loop;
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });
});
