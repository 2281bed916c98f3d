/**
 * HTTP to the sync server, and nothing else: requests validated against the shared wire schemas, every failure
 * turned into an error code the UI can translate. Injectable, so sync logic is tested against a real server or
 * an unreliable one without a browser.
 */
import { PROTOCOL_VERSION, pullResponse, pushResponse, type ChangeEntry, type PullResponse, type PushResponse } from '#shared/schema/sync.ts';
import { errorResponse } from '#shared/schema/sync.ts';
import type { RequestErrorCode } from '#shared/errors.ts';

export class SyncError extends Error {
  constructor(readonly code: RequestErrorCode) {
    super(code);
    this.name = 'SyncError';
  }
}

export interface SyncTransport {
  push(deviceId: string, entries: readonly ChangeEntry[]): Promise<PushResponse>;
  pull(cursor: number, limit: number, signal?: AbortSignal): Promise<PullResponse>;
}

async function errorCodeOf(res: Response): Promise<RequestErrorCode> {
  const body: unknown = await res.json().catch(() => null);
  const parsed = errorResponse.safeParse(body);
  if (parsed.success) return parsed.data.code;
  return res.status >= 500 ? 'serverError' : 'badRequest';
}

export function httpTransport(baseUrl = '', fetchImpl: typeof fetch = (...args) => fetch(...args)): SyncTransport {
  async function call(path: string, init: RequestInit): Promise<unknown> {
    let res: Response;
    try {
      res = await fetchImpl(`${baseUrl}${path}`, { ...init, credentials: 'same-origin', cache: 'no-store' });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new SyncError('network');
    }
    if (!res.ok) throw new SyncError(await errorCodeOf(res));
    return res.json().catch(() => {
      throw new SyncError('network');
    });
  }
  return {
    async push(deviceId, entries) {
      const body = await call('/api/sync/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ v: PROTOCOL_VERSION, deviceId, entries }),
      });
      const parsed = pushResponse.safeParse(body);
      if (!parsed.success) throw new SyncError('serverError');
      return parsed.data;
    },
    async pull(cursor, limit, signal) {
      const query = new URLSearchParams({ v: String(PROTOCOL_VERSION), cursor: String(cursor), limit: String(limit) });
      const body = await call(`/api/sync/pull?${query.toString()}`, signal ? { signal } : {});
      const parsed = pullResponse.safeParse(body);
      if (!parsed.success) throw new SyncError('serverError');
      return parsed.data;
    },
  };
}
