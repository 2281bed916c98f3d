import type { FastifyPluginCallback } from 'fastify';
import { accessCheckRequest, pullQuery, pushRequest } from '#shared/schema/sync.ts';
import { applyPush } from '../services/applyPush.ts';
import { checkAccess } from '../services/checkAccess.ts';
import { computePull } from '../services/computePull.ts';
import type { Store } from '../store/types.ts';
import { actorOf } from './identity.ts';
import { isShallowerThan, MAX_JSON_DEPTH } from './jsonDepth.ts';
import { sendError, speaksOtherVersion } from './replies.ts';

export interface SyncOptions {
  readonly store: Store;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
}

/**
 * The sync endpoints, behind authentication. Nothing reaches a service before it passes the shared wire schema,
 * and a device pushes only as itself: entry ids, clocks and the audit trail all name the device.
 */
export const syncRoutes: FastifyPluginCallback<SyncOptions> = (app, { store }, done) => {
  app.post('/api/sync/push', async (request, reply) => {
    if (speaksOtherVersion(field(request.body, 'v'))) return sendError(reply, 426, 'updateRequired');
    if (!isShallowerThan(request.body, MAX_JSON_DEPTH)) return sendError(reply, 400, 'badRequest');
    const parsed = pushRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, 'badRequest');
    const actor = actorOf(request);
    if (parsed.data.deviceId !== actor.deviceId) return sendError(reply, 403, 'forbidden');
    return applyPush(store, actor, parsed.data);
  });

  app.get('/api/sync/pull', async (request, reply) => {
    if (speaksOtherVersion(field(request.query, 'v'))) return sendError(reply, 426, 'updateRequired');
    const parsed = pullQuery.safeParse(request.query);
    if (!parsed.success) return sendError(reply, 400, 'badRequest');
    return computePull(store, actorOf(request), parsed.data);
  });

  app.post('/api/sync/access-check', async (request, reply) => {
    if (speaksOtherVersion(field(request.body, 'v'))) return sendError(reply, 426, 'updateRequired');
    const parsed = accessCheckRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, 'badRequest');
    return checkAccess(store, actorOf(request), parsed.data.clientIds);
  });
  done();
};
