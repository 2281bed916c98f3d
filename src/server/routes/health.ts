import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../store/types.ts';

export interface HealthOptions {
  readonly store: Store;
  readonly version: string;
}

/** For load balancers and people: 503 when the database does not answer, so traffic moves elsewhere. */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, { store, version }) => {
  app.get('/api/health', async (_request, reply) => {
    const database = await store.health();
    void reply.code(database.ok ? 200 : 503);
    return { status: database.ok ? 'ok' : 'error', version, database: { kind: store.kind, ...database } };
  });
};
