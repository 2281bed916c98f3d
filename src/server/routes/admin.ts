/**
 * The admin API: accounts and devices, for the `admin` role only. Nothing here reads client records: an admin
 * manages who may sign in, not what they see. Every change an admin makes is logged (services/adminAudit.ts).
 */
import type { FastifyPluginCallback, FastifyReply } from 'fastify';
import {
  accountIdParams,
  createAccountRequest,
  deviceIdParams,
  updateAccountRequest,
  type AccountDetails,
  type DeviceDetails,
} from '#shared/schema/admin.ts';
import { createAccount, listAccounts, toAccountDetails, updateAccount, type AccountOutcome, type AccountRefusal } from '../services/accounts.ts';
import { listDevices, revokeDevice } from '../services/devices.ts';
import type { Store } from '../store/types.ts';
import { actorOf } from './identity.ts';
import { sendError } from './replies.ts';
import { sendInvalid } from './validation.ts';

export interface AdminRoutesOptions {
  readonly store: Store;
  readonly clock: () => Date;
}

const refusalStatus: Record<AccountRefusal, number> = { badRequest: 400, notFound: 404, usernameTaken: 409 };

export const adminRoutes: FastifyPluginCallback<AdminRoutesOptions> = (app, { store, clock }, done) => {
  // Runs after the authentication hook (registered on the root), so the actor is known here.
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== undefined && actorOf(request).role !== 'admin') return sendError(reply, 403, 'forbidden');
  });

  const answer = (reply: FastifyReply, outcome: AccountOutcome, status = 200) =>
    outcome.ok
      ? reply.code(status).send({ account: toAccountDetails(outcome.account, clock()) })
      : reply.code(refusalStatus[outcome.code]).send({ code: outcome.code, ...(outcome.fields && { fields: outcome.fields }) });

  app.get('/api/admin/accounts', async (): Promise<{ accounts: AccountDetails[] }> => {
    const now = clock();
    return { accounts: (await listAccounts(store)).map((a) => toAccountDetails(a, now)) };
  });

  app.post('/api/admin/accounts', async (request, reply) => {
    const parsed = createAccountRequest.safeParse(request.body);
    if (!parsed.success) return sendInvalid(reply, parsed.error);
    const outcome = await createAccount(store, parsed.data, { actor: actorOf(request), now: clock() });
    return answer(reply, outcome, 201);
  });

  app.patch('/api/admin/accounts/:id', async (request, reply) => {
    const params = accountIdParams.safeParse(request.params);
    if (!params.success) return sendError(reply, 404, 'notFound');
    const parsed = updateAccountRequest.safeParse(request.body ?? {});
    if (!parsed.success) return sendInvalid(reply, parsed.error);
    const changes = parsed.data;
    // An admin cannot lock themselves out; another admin, or the CLI, can.
    const own = params.data.id === actorOf(request).accountId;
    if (own && (changes.disabled === true || (changes.role !== undefined && changes.role !== 'admin'))) return sendError(reply, 403, 'forbidden');
    const outcome = await updateAccount(store, params.data.id, changes, { actor: actorOf(request), now: clock() });
    return answer(reply, outcome);
  });

  app.get('/api/admin/devices', async (): Promise<{ devices: DeviceDetails[] }> => ({ devices: await listDevices(store) }));

  app.post('/api/admin/devices/:id/revoke', async (request, reply) => {
    const params = deviceIdParams.safeParse(request.params);
    if (!params.success) return sendError(reply, 404, 'notFound');
    const device = await revokeDevice(store, params.data.id, { actor: actorOf(request), now: clock() });
    if (!device) return sendError(reply, 404, 'notFound');
    return { device };
  });
  done();
};
