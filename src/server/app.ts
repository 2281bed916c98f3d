/**
 * The Fastify application, without listen(): main.ts serves it, tests inject into it. Every dependency comes in
 * through `deps`, and no state lives here between requests, so any number of instances can share one database.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { healthRoutes } from './routes/health.ts';
import { handleError } from './routes/replies.ts';
import { registerSecurity } from './routes/security.ts';
import { notFoundHandler, registerStatic } from './routes/static.ts';
import { syncRoutes } from './routes/sync.ts';
import type { Store } from './store/types.ts';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppConfig {
  /** The app's version, from package.json, reported by /api/health. */
  readonly version: string;
}

export interface AppDeps {
  readonly store: Store;
  readonly config: AppConfig;
  /** The built PWA (dist/client); without it only the API and robots.txt are served. */
  readonly staticDir?: string | undefined;
  readonly logger?: boolean;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: BODY_LIMIT_BYTES });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(notFoundHandler(deps.staticDir));
  await registerSecurity(app);
  await registerStatic(app, deps.staticDir);
  await app.register(healthRoutes, { store: deps.store, version: deps.config.version });
  await app.register(syncRoutes, { store: deps.store });
  return app;
}
