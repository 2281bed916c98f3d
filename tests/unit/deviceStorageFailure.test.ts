import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { deviceStorageFailureOf } from '#client/platform/deviceStorageFailure.ts';
import { ApiError } from '#client/platform/apiRequest.ts';

describe('deviceStorageFailureOf', () => {
  it('tells that the device is full when the browser refused a write for its quota, however wrapped', () => {
    const quota = new DOMException('', 'QuotaExceededError');
    expect(deviceStorageFailureOf(quota)).toBe('deviceStorageFull');
    expect(deviceStorageFailureOf(new Dexie.AbortError('Transaction aborted', quota))).toBe('deviceStorageFull');
  });

  it("tells that the device's storage failed for the browser's other storage and crypto errors", () => {
    expect(deviceStorageFailureOf(new DOMException('Internal error.', 'UnknownError'))).toBe('deviceStorageFailed');
    expect(deviceStorageFailureOf(new DOMException('', 'OperationError'))).toBe('deviceStorageFailed');
    expect(deviceStorageFailureOf(new Dexie.DatabaseClosedError('closed'))).toBe('deviceStorageFailed');
  });

  it('leaves the server, the network and the app itself out of it', () => {
    expect(deviceStorageFailureOf(new ApiError('network'))).toBeNull();
    expect(deviceStorageFailureOf(new ApiError('serverError'))).toBeNull();
    expect(deviceStorageFailureOf(new TypeError('x is undefined'))).toBeNull();
    expect(deviceStorageFailureOf(undefined)).toBeNull();
  });
});
