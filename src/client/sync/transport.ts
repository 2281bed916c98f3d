/**
 * HTTP to the sync server, and nothing else: answers validated against the shared wire schemas, every failure an
 * ApiError with a code the UI can translate. Injectable, so sync logic is tested against a real server or an
 * unreliable one without a browser.
 */
import { auditEventsResponse, type AuditEventsResponse, type ViewEvent } from '#shared/schema/audit.ts';
import {
  accessCheckResponse,
  PROTOCOL_VERSION,
  pullResponse,
  pushResponse,
  type AccessCheckResponse,
  type ChangeEntry,
  type PullResponse,
  type PushResponse,
} from '#shared/schema/sync.ts';
import { answerOf, apiRequest, type FetchLike } from '../platform/apiRequest.ts';

export interface SyncTransport {
  push(deviceId: string, entries: readonly ChangeEntry[]): Promise<PushResponse>;
  /** `count`: whether the server should count what remains after this page (see the wire schema). */
  pull(cursor: number, limit: number, count: boolean): Promise<PullResponse>;
  sendViews(events: readonly ViewEvent[]): Promise<AuditEventsResponse>;
  checkAccess(clientIds: readonly string[]): Promise<AccessCheckResponse>;
}

export function httpTransport(baseUrl = '', fetchImpl: FetchLike = (...args) => fetch(...args)): SyncTransport {
  return {
    async push(deviceId, entries) {
      return answerOf(pushResponse, await apiRequest(fetchImpl, `${baseUrl}/api/sync/push`, { method: 'POST', body: { v: PROTOCOL_VERSION, deviceId, entries } }));
    },
    async pull(cursor, limit, count) {
      const query = new URLSearchParams({ v: String(PROTOCOL_VERSION), cursor: String(cursor), limit: String(limit), count: String(count) });
      return answerOf(pullResponse, await apiRequest(fetchImpl, `${baseUrl}/api/sync/pull?${query.toString()}`));
    },
    async sendViews(events) {
      return answerOf(auditEventsResponse, await apiRequest(fetchImpl, `${baseUrl}/api/audit/events`, { method: 'POST', body: { v: PROTOCOL_VERSION, events } }));
    },
    async checkAccess(clientIds) {
      return answerOf(accessCheckResponse, await apiRequest(fetchImpl, `${baseUrl}/api/sync/access-check`, { method: 'POST', body: { v: PROTOCOL_VERSION, clientIds } }));
    },
  };
}
