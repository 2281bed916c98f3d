/**
 * Who is asking, for every /api request: the CSRF check, then the session cookie resolved to an actor. Routes
 * behind it read the actor with `actorOf(request)` (identity.ts).
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '#shared/schema/auth.ts';
import type { Account, Session } from '../store/accountStore.ts';
import type { Store } from '../store/types.ts';
import type { SessionPolicy } from '../services/sessionPolicy.ts';
import { resolveSession, type SessionRefusal } from '../services/sessions.ts';
import { isApiPath, sendError } from './replies.ts';

/**
 * `__Host-` makes the browser refuse the cookie unless it is Secure, with Path=/ and no Domain, so no other host
 * and no plain-http page can set or shadow it. Chromium (156, Debian's, checked with playwright-core) accepts it
 * on http://localhost and http://127.0.0.1, which count as secure origins; any other address needs HTTPS.
 */
export const SESSION_COOKIE = '__Host-silta-session';

/** Reachable without a session: the load balancer's probe and signing in. */
const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['/api/health', '/api/auth/sign-in']);

/** Only these may change nothing; every other method must carry the CSRF header. */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

const refusalStatus: Record<SessionRefusal, number> = { signInRequired: 401, deviceRevoked: 403, accountDisabled: 403 };

export interface AuthenticationOptions {
  readonly store: Store;
  readonly sessions: SessionPolicy;
  readonly clock: () => Date;
}

const cookieOptions = { path: '/', httpOnly: true, secure: true, sameSite: 'strict' } as const;

export function setSessionCookie(reply: FastifyReply, token: string, expires: Date): void {
  void reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, cookieOptions);
}

/** The session and account behind a request's actor, as the hook read them. */
const resolved = new WeakMap<FastifyRequest, { readonly session: Session; readonly account: Account }>();

export function sessionOf(request: FastifyRequest): { readonly session: Session; readonly account: Account } {
  const found = resolved.get(request);
  if (!found) throw new Error(`${request.method} ${request.url} is not behind authentication`);
  return found;
}

/**
 * CSRF: a cross-site form or image cannot set a custom header, and the API answers no CORS preflight, so a
 * request that carries the header comes from the app itself. SameSite=Strict on the cookie is the second layer.
 */
export async function registerAuthentication(app: FastifyInstance, { store, sessions, clock }: AuthenticationOptions): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request, reply) => {
    // Judged by the route that matched, not the address: an unknown /api address falls to the static files'
    // wildcard or to no route, and either answers 404 notFound, with or without a session.
    const route = request.routeOptions.url;
    if (route === undefined || !isApiPath(route)) return;
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) return sendError(reply, 403, 'forbidden');
    if (PUBLIC_ROUTES.has(route)) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token === undefined) return sendError(reply, 401, 'signInRequired');
    const result = await resolveSession(store, token, sessions, clock());
    if (!result.ok) {
      // The cookie names nothing usable any more; the browser may as well forget it.
      clearSessionCookie(reply);
      return sendError(reply, refusalStatus[result.code], result.code);
    }
    request.actor = result.actor;
    resolved.set(request, { session: result.session, account: result.account });
  });
}
