/**
 * Signing in and out. Sign-in is the one /api route besides health that needs no session; it is rate limited per
 * address here, and each account is locked after repeated wrong passwords in the database (services/sessions.ts).
 */
import type { FastifyPluginCallback } from 'fastify';
import { signInRequest, type SessionResponse } from '#shared/schema/auth.ts';
import { toAccountSummary } from '../services/accounts.ts';
import type { SessionPolicy } from '../services/sessionPolicy.ts';
import { sessionInfo, signIn, signOut, type SignInRefusal } from '../services/sessions.ts';
import type { Store } from '../store/types.ts';
import { clearSessionCookie, sessionOf, setSessionCookie } from './authenticate.ts';
import { actorOf } from './identity.ts';
import { sendError } from './replies.ts';
import { sendInvalid } from './validation.ts';

export interface AuthRoutesOptions {
  readonly store: Store;
  readonly sessions: SessionPolicy;
  readonly clock: () => Date;
  readonly signInsPerMinute: number;
}

const refusalStatus: Record<SignInRefusal, number> = {
  invalidCredentials: 401,
  accountLocked: 423,
  accountDisabled: 403,
  deviceRevoked: 403,
  forbidden: 403,
};

export const authRoutes: FastifyPluginCallback<AuthRoutesOptions> = (app, { store, sessions, clock, signInsPerMinute }, done) => {
  // In memory, so per server instance: it slows one address down. The lockout in the database is what holds
  // across instances, for an account attacked from many addresses.
  const rateLimit = { max: signInsPerMinute, timeWindow: 60_000 };

  app.post('/api/auth/sign-in', { config: { rateLimit } }, async (request, reply) => {
    const parsed = signInRequest.safeParse(request.body);
    if (!parsed.success) return sendInvalid(reply, parsed.error);
    const outcome = await signIn(store, parsed.data, sessions, clock());
    if (!outcome.ok) return sendError(reply, refusalStatus[outcome.code], outcome.code);
    setSessionCookie(reply, outcome.token, outcome.expiresAt);
    return outcome.answer;
  });

  app.post('/api/auth/sign-out', async (request, reply) => {
    await signOut(store, actorOf(request).sessionId, clock());
    clearSessionCookie(reply);
    return reply.code(204).send();
  });

  app.get('/api/auth/session', (request): SessionResponse => {
    const { session, account } = sessionOf(request);
    return { account: toAccountSummary(account), session: sessionInfo(session, sessions) };
  });
  done();
};
