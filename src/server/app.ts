/**
 * The Fastify application, without listen(): main.ts serves it, tests inject into it. Every dependency comes in
 * through `deps`, and no state lives here between requests, so any number of instances can share one database.
 */
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { adminRoutes } from './routes/admin.ts';
import { assignmentRoutes } from './routes/assignments.ts';
import { clientRightsRoutes } from './routes/clientRights.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { registerAuthentication } from './routes/authenticate.ts';
import { healthRoutes } from './routes/health.ts';
import { handleError } from './routes/replies.ts';
import { registerSecurity } from './routes/security.ts';
import { notFoundHandler, registerStatic } from './routes/static.ts';
import { syncRoutes } from './routes/sync.ts';
import { DEFAULT_SIGN_INS_PER_MINUTE } from './config.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './services/sessionPolicy.ts';
import type { Store } from './store/types.ts';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppConfig {
  /** The app's version, from package.json, reported by /api/health. */
  readonly version: string;
  /** Session lengths; the defaults of config.ts when absent. */
  readonly sessions?: SessionPolicy;
  readonly signInsPerMinute?: number;
}

export interface AppDeps {
  readonly store: Store;
  readonly config: AppConfig;
  /** The built PWA (dist/client); without it only the API and robots.txt are served. */
  readonly staticDir?: string | undefined;
  readonly logger?: boolean;
  /** The time every session decision uses; tests move it. */
  readonly clock?: () => Date;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    // An address the router cannot take apart (a broken %-escape, a path parameter over its length limit) is answered
    // before any route or hook runs; without this Fastify sends its own body, which echoes the address back.
    frameworkErrors: (error, request, reply) => void handleError(error, request, reply),
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(notFoundHandler(deps.staticDir));
  await registerSecurity(app);
  await registerStatic(app, deps.staticDir);
  const clock = deps.clock ?? (() => new Date());
  const sessions = deps.config.sessions ?? DEFAULT_SESSION_POLICY;
  await app.register(rateLimit, { global: false });
  await registerAuthentication(app, { store: deps.store, sessions, clock });
  await app.register(authRoutes, {
    store: deps.store,
    sessions,
    clock,
    signInsPerMinute: deps.config.signInsPerMinute ?? DEFAULT_SIGN_INS_PER_MINUTE,
  });
  await app.register(adminRoutes, { store: deps.store, clock });
  await app.register(healthRoutes, { store: deps.store, version: deps.config.version });
  await app.register(syncRoutes, { store: deps.store });
  await app.register(auditRoutes, { store: deps.store });
  await app.register(assignmentRoutes, { store: deps.store });
  await app.register(clientRightsRoutes, { store: deps.store });
  return app;
}
