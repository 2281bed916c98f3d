/**
 * Signing in to a running server over real HTTP, as a device would: the answer, the session cookie, and a `fetch`
 * that sends the cookie on every request and the CSRF header on every request that is not a GET.
 */
import { CSRF_HEADER, CSRF_HEADER_VALUE, signInResponse, type SignInResponse } from '#shared/schema/auth.ts';
import { SESSION_COOKIE } from '#server/routes/authenticate.ts';

export interface Credentials {
  readonly username: string;
  readonly password: string;
  readonly deviceId: string;
  readonly deviceName?: string;
}

export interface HttpSession {
  readonly answer: SignInResponse;
  /** `name=value`, ready for a Cookie header. */
  readonly cookie: string;
  readonly fetch: typeof fetch;
}

/** The session cookie's `name=value` from a response, or undefined when it sets none. */
export function sessionCookieOf(response: Response): string | undefined {
  const prefix = `${SESSION_COOKIE}=`;
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(prefix) && c.length > prefix.length);
}

/** A fetch that carries the session: the cookie always, the CSRF header on anything but GET and HEAD. */
export function fetchWithSession(cookie: string, inner: typeof fetch = (...args) => fetch(...args)): typeof fetch {
  return (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set('cookie', cookie);
    if (method !== 'GET' && method !== 'HEAD') headers.set(CSRF_HEADER, CSRF_HEADER_VALUE);
    return inner(input, { ...init, headers });
  };
}

export async function signInOverHttp(baseUrl: string, credentials: Credentials): Promise<HttpSession> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: CSRF_HEADER_VALUE },
    body: JSON.stringify({ deviceName: 'test device', ...credentials }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${credentials.username} answered ${response.status}: ${await response.text()}`);
  const cookie = sessionCookieOf(response);
  if (cookie === undefined) throw new Error('sign-in set no session cookie');
  return { answer: signInResponse.parse(await response.json()), cookie, fetch: fetchWithSession(cookie) };
}
