import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '#server/store/migrations/index.ts';
import { startTestApp, TEST_VERSION, type TestApp } from './support/app.ts';
import { storeKinds } from './support/stores.ts';
import { PROTOCOL_VERSION } from '#shared/schema/sync.ts';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
const directives = (policy: string) => policy.split(';').map((d) => d.trim()).filter(Boolean).sort();
const INDEX_HTML = '<!doctype html><html lang="en"><head><title>Silta</title></head><body><div id="root"></div></body></html>';

describe.each(storeKinds)('HTTP surface on %s', (kind) => {
  let t: TestApp;
  let staticDir: string;
  beforeAll(async () => {
    staticDir = await mkdtemp(join(tmpdir(), 'silta-static-'));
    await mkdir(join(staticDir, 'assets'));
    await writeFile(join(staticDir, 'index.html'), INDEX_HTML);
    await writeFile(join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    await writeFile(join(staticDir, 'manifest.webmanifest'), '{"name":"Silta"}');
    await writeFile(join(staticDir, 'assets', 'index-Bx12abCd.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
    t = await startTestApp(kind, staticDir);
  });
  afterAll(async () => {
    await t.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  it('reports health with the version and the database', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', version: TEST_VERSION, database: { kind, ok: true, schemaVersion: LATEST_SCHEMA_VERSION } });
  });

  it('sends the security headers, and no-store on every API answer', async () => {
    for (const url of ['/api/health', `/api/sync/pull?v=${PROTOCOL_VERSION}&cursor=0`, '/api/nothing-here', '/']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(directives(String(response.headers['content-security-policy']))).toEqual(directives(CSP));
      expect(response.headers['strict-transport-security']).toMatch(/^max-age=\d{8,}/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      if (url.startsWith('/api')) expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('answers an unknown API route with 404 notFound, even when the browser asks for HTML', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const response = await t.app.inject({ method, url: '/api/sync/nothing', headers: { accept: 'text/html' } });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ code: 'notFound' });
    }
  });

  it('answers a body over 1 MiB with 413 payloadTooLarge', async () => {
    const payload = JSON.stringify({ v: PROTOCOL_VERSION, deviceId: 'a'.repeat(16), entries: [], padding: 'x'.repeat(1024 * 1024) });
    const response = await t.inject({ method: 'POST', url: '/api/sync/push', headers: { 'content-type': 'application/json' }, payload });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ code: 'payloadTooLarge' });
  });

  it('answers malformed JSON and a wrong content type with a code, not a library message', async () => {
    const malformed = await t.inject({ method: 'POST', url: '/api/sync/push', headers: { 'content-type': 'application/json' }, payload: '{"v":1,' });
    expect([malformed.statusCode, malformed.json()]).toEqual([400, { code: 'badRequest' }]);
    const text = await t.inject({ method: 'POST', url: '/api/sync/push', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect([text.statusCode, text.json()]).toEqual([400, { code: 'badRequest' }]);
  });

  it('answers an address the router cannot take apart with a code, not Fastify’s own body echoing it', async () => {
    const badEscape = await t.inject({ method: 'GET', url: '/api/admin/accounts/%E0%A4%A' });
    expect([badEscape.statusCode, badEscape.json()]).toEqual([400, { code: 'badRequest' }]);
    const longParam = await t.inject({ method: 'PATCH', url: `/api/admin/accounts/${'a'.repeat(200)}`, payload: {} });
    expect([longParam.statusCode, longParam.json()]).toEqual([414, { code: 'badRequest' }]);
  });

  it('serves the app shell for revalidation and hashed assets for a year', async () => {
    for (const file of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      const response = await t.app.inject({ method: 'GET', url: file });
      expect([file, response.statusCode, response.headers['cache-control']]).toEqual([file, 200, 'no-cache']);
    }
    const asset = await t.app.inject({ method: 'GET', url: '/assets/index-Bx12abCd.js', headers: { 'accept-encoding': 'gzip' } });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('gzip');
  });

  it('answers a page address with index.html (SPA fallback) but a missing file with 404', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/clients/0190f7a2-1234', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe(INDEX_HTML);
    expect(page.headers['cache-control']).toBe('no-cache');
    const missing = await t.app.inject({ method: 'GET', url: '/assets/gone-123.js', headers: { accept: '*/*' } });
    expect(missing.statusCode).toBe(404);
  });

  it('serves a real robots.txt that keeps crawlers out', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/robots.txt', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toMatch(/^User-agent: \*\nDisallow: \/$/m);
  });

  it('answers 503 from health when the database is gone, and 500 serverError to a push', async () => {
    const down = await startTestApp(kind);
    const cookie = await down.sessionCookie();
    await down.store.close();
    try {
      const health = await down.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'error', database: { kind, ok: false } });
      const pull = await down.app.inject({ method: 'GET', url: `/api/sync/pull?v=${PROTOCOL_VERSION}&cursor=0`, headers: { cookie } });
      expect([pull.statusCode, pull.json()]).toEqual([500, { code: 'serverError' }]);
    } finally {
      await down.app.close();
      await down.db.dispose();
    }
  });
});
