/**
 * The audit log's routes: devices report the records their users viewed, and admins read the log as JSON pages or
 * export it as CSV. Who may do what is decided in the services (access.ts), so these only parse and answer.
 */
import { Readable } from 'node:stream';
import type { FastifyPluginCallback } from 'fastify';
import { auditEventsRequest, auditQuery } from '#shared/schema/audit.ts';
import { auditExport, auditPage } from '../services/auditLog.ts';
import { logViews } from '../services/auditViews.ts';
import type { Store } from '../store/types.ts';
import { actorOf } from './identity.ts';
import { isShallowerThan, MAX_JSON_DEPTH } from './jsonDepth.ts';
import { sendError, speaksOtherVersion } from './replies.ts';

export interface AuditRoutesOptions {
  readonly store: Store;
}

function versionOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null && Object.hasOwn(body, 'v') ? (body as { v: unknown }).v : undefined;
}

export const auditRoutes: FastifyPluginCallback<AuditRoutesOptions> = (app, { store }, done) => {
  app.post('/api/audit/events', async (request, reply) => {
    if (speaksOtherVersion(versionOf(request.body))) return sendError(reply, 426, 'updateRequired');
    if (!isShallowerThan(request.body, MAX_JSON_DEPTH)) return sendError(reply, 400, 'badRequest');
    const parsed = auditEventsRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, 'badRequest');
    return logViews(store, actorOf(request), parsed.data);
  });

  app.get('/api/admin/audit', async (request, reply) => {
    const parsed = auditQuery.safeParse(request.query);
    if (!parsed.success) return sendError(reply, 400, 'badRequest');
    const page = await auditPage(store, actorOf(request), parsed.data);
    return page.ok ? page.value : sendError(reply, page.code === 'forbidden' ? 403 : 400, page.code);
  });

  app.get('/api/admin/audit/export', async (request, reply) => {
    const parsed = auditQuery.safeParse(request.query);
    if (!parsed.success) return sendError(reply, 400, 'badRequest');
    const lines = auditExport(store, actorOf(request), parsed.data);
    if (!lines.ok) return sendError(reply, lines.code === 'forbidden' ? 403 : 400, lines.code);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="silta-audit.csv"')
      .send(Readable.from(lines.value));
  });
  done();
};
