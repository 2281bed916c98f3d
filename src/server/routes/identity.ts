import type { FastifyRequest } from 'fastify';
import { localUser, type Actor } from '../services/access.ts';

/**
 * Who is asking. There are no accounts yet, so everyone is the built-in local user; main.ts refuses to run in
 * production until a later issue replaces this with real sign-in.
 */
export function identify(_request: FastifyRequest): Actor {
  return localUser;
}
