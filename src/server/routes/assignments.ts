/** Assigning municipal staff to a client, and taking the assignment back (see services/assignments.ts). */
import type { FastifyPluginCallback, FastifyReply } from 'fastify';
import { assignmentParams } from '#shared/schema/assignments.ts';
import { assignStaff, unassignStaff, type AssignmentOutcome } from '../services/assignments.ts';
import type { Store } from '../store/types.ts';
import { actorOf } from './identity.ts';
import { sendError } from './replies.ts';

export interface AssignmentRoutesOptions {
  readonly store: Store;
}

function answer(reply: FastifyReply, outcome: AssignmentOutcome): FastifyReply {
  if (outcome.ok) return reply.code(204).send();
  return sendError(reply, outcome.code === 'forbidden' ? 403 : 404, outcome.code);
}

export const assignmentRoutes: FastifyPluginCallback<AssignmentRoutesOptions> = (app, { store }, done) => {
  const path = '/api/clients/:clientId/assignments/:accountId';

  app.put(path, async (request, reply) => {
    const params = assignmentParams.safeParse(request.params);
    if (!params.success) return sendError(reply, 404, 'notFound');
    return answer(reply, await assignStaff(store, actorOf(request), params.data));
  });

  app.delete(path, async (request, reply) => {
    const params = assignmentParams.safeParse(request.params);
    if (!params.success) return sendError(reply, 404, 'notFound');
    return answer(reply, await unassignStaff(store, actorOf(request), params.data));
  });
  done();
};
