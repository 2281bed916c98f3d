import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { describeError, isCodeLoadFailure, saveFailureOf, storageProblemOf } from '#client/app/appProblem.ts';

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

describe('describeError', () => {
  it('quotes each error of the chain, outermost first', () => {
    const error = openFailed('UnknownError', 'The user denied permission to access the database.');
    expect(describeError(error)).toBe(`DatabaseClosedError: ${error.message} ← UnknownError: The user denied permission to access the database.`);
  });

  it('quotes what is not an error as it is', () => {
    expect(describeError('a string thrown')).toBe('a string thrown');
  });

  it('stops at a chain that loops', () => {
    const looped = new Error('outer') as Error & { cause?: unknown };
    looped.cause = looped;
    expect(describeError(looped).split(' ← ')).toHaveLength(5);
  });
});

describe('isCodeLoadFailure', () => {
  it('knows a failed dynamic import in the words of Chromium, Firefox and Safari', () => {
    expect(isCodeLoadFailure(new TypeError('Failed to fetch dynamically imported module: http://localhost:8080/assets/NoteScreens-abc.js'))).toBe(true);
    expect(isCodeLoadFailure(new TypeError('error loading dynamically imported module: http://localhost:8080/assets/NoteScreens-abc.js'))).toBe(true);
    expect(isCodeLoadFailure(new TypeError('Importing a module script failed.'))).toBe(true);
  });

  it('tells any other error apart', () => {
    expect(isCodeLoadFailure(new TypeError("Cannot read properties of undefined (reading 'fields')"))).toBe(false);
    expect(isCodeLoadFailure(undefined)).toBe(false);
  });
});

describe('saveFailureOf', () => {
  it('tells that the device is full when the browser refused the write for its quota, however wrapped', () => {
    const quota = new DOMException('', 'QuotaExceededError');
    expect(saveFailureOf(quota).problem).toBe('storageFull');
    expect(saveFailureOf(new Dexie.AbortError('Transaction aborted', quota)).problem).toBe('storageFull');
  });

  it('tells that the write failed for anything else', () => {
    expect(saveFailureOf(new DOMException('Internal error.', 'UnknownError')).problem).toBe('failed');
    expect(saveFailureOf(new Error('no data key')).problem).toBe('failed');
    expect(saveFailureOf(undefined).problem).toBe('failed');
  });

  it('keeps the error as the browser gave it, for IT support', () => {
    expect(saveFailureOf(new Dexie.AbortError('Transaction aborted', new DOMException('', 'QuotaExceededError'))).detail).toMatch(
      /^AbortError: Transaction aborted[\s\S]* ← QuotaExceededError$/,
    );
  });
});
