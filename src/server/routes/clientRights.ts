/** The data subject's rights over one client: export and erasure (see services/clientRights.ts). */
import type { FastifyPluginCallback } from 'fastify';
import { clientParams } from '#shared/schema/clientRights.ts';
import { eraseClient, exportClient } from '../services/clientRights.ts';
import type { Store } from '../store/types.ts';
import { actorOf } from './identity.ts';
import { sendError } from './replies.ts';

export interface ClientRightsRoutesOptions {
  readonly store: Store;
}

export const clientRightsRoutes: FastifyPluginCallback<ClientRightsRoutesOptions> = (app, { store }, done) => {
  // An id that is not a client id and a client out of reach get the same answer: neither reveals what exists.
  app.get('/api/clients/:clientId/export', async (request, reply) => {
    const params = clientParams.safeParse(request.params);
    if (!params.success) return sendError(reply, 403, 'forbidden');
    const outcome = await exportClient(store, actorOf(request), params.data.clientId);
    return outcome.ok ? outcome.value : sendError(reply, 403, outcome.code);
  });

  app.post('/api/clients/:clientId/erase', async (request, reply) => {
    const params = clientParams.safeParse(request.params);
    if (!params.success) return sendError(reply, 403, 'forbidden');
    const outcome = await eraseClient(store, actorOf(request), params.data.clientId);
    return outcome.ok ? outcome.value : sendError(reply, 403, outcome.code);
  });
  done();
};
