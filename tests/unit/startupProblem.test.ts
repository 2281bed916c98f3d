import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { describeStartupError, storageProblemOf } from '#client/app/startupProblem.ts';

/** Dexie's error for a database that would not open, wrapping the browser's, as Chromium gives them. */
function openFailed(name: string, message: string): Error {
  return new Dexie.DatabaseClosedError(new DOMException(message, name));
}

describe('storageProblemOf', () => {
  it('tells that site data is blocked when the browser allows the page none, whatever it called the refusal', () => {
    expect(storageProblemOf(openFailed('UnknownError', 'The user denied permission to access the database.'), false)).toBe('storageBlocked');
  });

  it('tells that storage is blocked when the browser says so or has no IndexedDB at all', () => {
    expect(storageProblemOf(new DOMException('Access is denied for this document.', 'SecurityError'), true)).toBe('storageBlocked');
    expect(storageProblemOf(new Dexie.MissingAPIError('IndexedDB API missing'), true)).toBe('storageBlocked');
  });

  it('tells that the device is full, found inside the wrapping error', () => {
    expect(storageProblemOf(openFailed('QuotaExceededError', 'The quota has been exceeded.'), true)).toBe('storageFull');
    expect(storageProblemOf(openFailed('QuotaExceededError', 'The quota has been exceeded.'), false)).toBe('storageFull');
  });

  it('falls back to a storage failure for a damaged store or anything unknown', () => {
    expect(storageProblemOf(openFailed('UnknownError', 'Internal error opening backing store for indexedDB.open.'), true)).toBe('storageFailed');
    expect(storageProblemOf('a string thrown', true)).toBe('storageFailed');
    expect(storageProblemOf(undefined, true)).toBe('storageFailed');
  });
});

describe('describeStartupError', () => {
  it('quotes each error of the chain, outermost first', () => {
    const error = openFailed('UnknownError', 'The user denied permission to access the database.');
    expect(describeStartupError(error)).toBe(`DatabaseClosedError: ${error.message} ← UnknownError: The user denied permission to access the database.`);
  });

  it('quotes what is not an error as it is', () => {
    expect(describeStartupError('a string thrown')).toBe('a string thrown');
  });

  it('stops at a chain that loops', () => {
    const looped = new Error('outer') as Error & { cause?: unknown };
    looped.cause = looped;
    expect(describeStartupError(looped).split(' ← ')).toHaveLength(5);
  });
});
