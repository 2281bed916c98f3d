import type { FastifyRequest } from 'fastify';
import type { AccountActor } from '../services/actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook for every /api route that needs a session; null on public routes. */
    actor: AccountActor | null;
  }
}

/**
 * The signed-in actor of a request. Routes behind authentication call this; the hook has already answered 401
 * when there is no valid session, so a missing actor here is a routing mistake, not a user error.
 */
export function actorOf(request: FastifyRequest): AccountActor {
  if (request.actor === null) throw new Error(`${request.method} ${request.url} is not behind authentication`);
  return request.actor;
}
