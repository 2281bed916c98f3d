import type { FastifyPluginCallback } from 'fastify';
import type { Store } from '../store/types.ts';

export interface HealthOptions {
  readonly store: Store;
  readonly version: string;
}

/** For load balancers and people: 503 when the database does not answer, so traffic moves elsewhere. */
export const healthRoutes: FastifyPluginCallback<HealthOptions> = (app, { store, version }, done) => {
  app.get('/api/health', async (_request, reply) => {
    const database = await store.health();
    return reply
      .code(database.ok ? 200 : 503)
      .send({ status: database.ok ? 'ok' : 'error', version, database: { kind: store.kind, ...database } });
  });
  done();
};
