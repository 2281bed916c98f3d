/**
 * HTTP to the sync server, and nothing else: answers validated against the shared wire schemas, every failure an
 * ApiError with a code the UI can translate. Injectable, so sync logic is tested against a real server or an
 * unreliable one without a browser.
 */
import { auditEventsResponse, type AuditEventsResponse, type ViewEvent } from '#shared/schema/audit.ts';
import { PROTOCOL_VERSION, pullResponse, pushResponse, type ChangeEntry, type PullResponse, type PushResponse } from '#shared/schema/sync.ts';
import { ApiError, apiRequest, type FetchLike } from '../platform/apiRequest.ts';

export interface SyncTransport {
  push(deviceId: string, entries: readonly ChangeEntry[]): Promise<PushResponse>;
  pull(cursor: number, limit: number, signal?: AbortSignal): Promise<PullResponse>;
  sendViews(events: readonly ViewEvent[]): Promise<AuditEventsResponse>;
}

export function httpTransport(baseUrl = '', fetchImpl: FetchLike = (...args) => fetch(...args)): SyncTransport {
  return {
    async push(deviceId, entries) {
      const body = await apiRequest(fetchImpl, `${baseUrl}/api/sync/push`, { method: 'POST', body: { v: PROTOCOL_VERSION, deviceId, entries } });
      const parsed = pushResponse.safeParse(body);
      if (!parsed.success) throw new ApiError('serverError');
      return parsed.data;
    },
    async pull(cursor, limit, signal) {
      const query = new URLSearchParams({ v: String(PROTOCOL_VERSION), cursor: String(cursor), limit: String(limit) });
      const body = await apiRequest(fetchImpl, `${baseUrl}/api/sync/pull?${query.toString()}`, { signal });
      const parsed = pullResponse.safeParse(body);
      if (!parsed.success) throw new ApiError('serverError');
      return parsed.data;
    },
    async sendViews(events) {
      const body = await apiRequest(fetchImpl, `${baseUrl}/api/audit/events`, { method: 'POST', body: { v: PROTOCOL_VERSION, events } });
      const parsed = auditEventsResponse.safeParse(body);
      if (!parsed.success) throw new ApiError('serverError');
      return parsed.data;
    },
  };
}
