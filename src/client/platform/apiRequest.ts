/**
 * One JSON request to the Silta API: same-origin cookies, never cached, the CSRF header on every write, and every
 * failure turned into an error code the UI can translate. Sync and sign-in both go through here.
 */
import type { RequestErrorCode } from '#shared/errors.ts';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '#shared/schema/auth.ts';
import { errorResponse } from '#shared/schema/sync.ts';

export class ApiError extends Error {
  constructor(readonly code: RequestErrorCode) {
    super(code);
    this.name = 'ApiError';
  }
}

export type FetchLike = typeof fetch;

const GATEWAY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

async function errorCodeOf(res: Response): Promise<RequestErrorCode> {
  const body: unknown = await res.json().catch(() => null);
  const parsed = errorResponse.safeParse(body);
  if (parsed.success) return parsed.data.code;
  // Without Silta's own answer, these come from a proxy in front of it: the server is restarting or not up yet.
  if (GATEWAY_STATUSES.has(res.status)) return 'serverBusy';
  return res.status >= 500 ? 'serverError' : 'badRequest';
}

export interface ApiRequest {
  readonly method?: 'GET' | 'POST' | 'PATCH';
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
}

/** Resolves with the parsed JSON body of a 2xx answer (null for 204); rejects with an ApiError otherwise (AbortError passes). */
export async function apiRequest(fetchImpl: FetchLike, url: string, { method = 'GET', body, signal }: ApiRequest = {}): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers[CSRF_HEADER] = CSRF_HEADER_VALUE;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('network');
  }
  if (!res.ok) throw new ApiError(await errorCodeOf(res));
  if (res.status === 204) return null;
  return res.json().catch(() => {
    throw new ApiError('network');
  });
}

/** A 2xx answer checked against its shared schema: an answer of another shape is the server's fault, never shown. */
export function answerOf<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new ApiError('serverError');
  return result.data;
}
