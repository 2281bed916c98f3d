import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { isApiPath } from './replies.ts';

/**
 * The app loads nothing from elsewhere and runs no inline script or style, so every source is 'self'. HTTPS is
 * required in any case (the session cookie is Secure; browsers accept that on plain http only for localhost), so
 * `upgrade-insecure-requests` would add nothing.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

export async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  });
  // Personal data must not sit in a browser or proxy cache: the service worker never caches the API either.
  app.addHook('onSend', async (request, reply, payload) => {
    if (isApiPath(request.url)) void reply.header('cache-control', 'no-store');
    return payload;
  });
}
