/**
 * The server's admin API (accounts, devices, the audit log), answers checked against the shared schemas. Online
 * only: nothing here is kept on the device, and every failure is an ApiError whose code the screens translate.
 */
import {
  accountListResponse,
  accountResponse,
  deviceListResponse,
  deviceResponse,
  type AccountDetails,
  type CreateAccountRequest,
  type DeviceDetails,
  type UpdateAccountRequest,
} from '#shared/schema/admin.ts';
import { auditPage, type AuditPage, type AuditQuery } from '#shared/schema/audit.ts';
import { answerOf, apiRequest } from '../platform/apiRequest.ts';

/** The audit filters a person chooses; paging is separate, so the export can take the same filters. */
export type AuditFilter = Pick<AuditQuery, 'accountId' | 'clientId' | 'action' | 'from' | 'to'>;

const fetchImpl: typeof fetch = (...args) => fetch(...args);

function auditSearch(filter: AuditFilter, paging: { cursor?: string | null; limit?: number } = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...paging })) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}

export async function listAccounts(signal?: AbortSignal): Promise<AccountDetails[]> {
  return answerOf(accountListResponse, await apiRequest(fetchImpl, '/api/admin/accounts', { signal })).accounts;
}

export async function createAccount(request: CreateAccountRequest): Promise<AccountDetails> {
  return answerOf(accountResponse, await apiRequest(fetchImpl, '/api/admin/accounts', { method: 'POST', body: request })).account;
}

export async function updateAccount(id: string, changes: UpdateAccountRequest): Promise<AccountDetails> {
  const url = `/api/admin/accounts/${encodeURIComponent(id)}`;
  return answerOf(accountResponse, await apiRequest(fetchImpl, url, { method: 'PATCH', body: changes })).account;
}

export async function listDevices(signal?: AbortSignal): Promise<DeviceDetails[]> {
  return answerOf(deviceListResponse, await apiRequest(fetchImpl, '/api/admin/devices', { signal })).devices;
}

export async function revokeDevice(id: string): Promise<DeviceDetails> {
  const url = `/api/admin/devices/${encodeURIComponent(id)}/revoke`;
  return answerOf(deviceResponse, await apiRequest(fetchImpl, url, { method: 'POST' })).device;
}

export async function readAuditPage(filter: AuditFilter, cursor: string | null, limit: number, signal?: AbortSignal): Promise<AuditPage> {
  return answerOf(auditPage, await apiRequest(fetchImpl, `/api/admin/audit${auditSearch(filter, { cursor, limit })}`, { signal }));
}

/**
 * Where the whole filtered log downloads as CSV. A plain link, so the browser streams the file to disk with the
 * session cookie (the service worker leaves /api/ alone) instead of the page holding all of it in memory.
 */
export function auditExportUrl(filter: AuditFilter): string {
  return `/api/admin/audit/export${auditSearch(filter)}`;
}
