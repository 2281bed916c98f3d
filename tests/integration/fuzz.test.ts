/**
 * Malformed requests against every route the app serves (QUALITY.md "Fuzzing", issue #5 item 8): bodies broken field
 * by field from templates the shared schemas accept (wrong types, missing and extra fields, `__proto__` and
 * `constructor` keys, long strings, nesting past the 32-level limit, arrays past their limits, out-of-range numbers,
 * invalid UTF-8, wrong content types and encodings, empty, over-size and compressed-bomb bodies), query strings with
 * repeated, odd and broken parameters, path parameters that are no ids, wrong methods and addresses, and forged or
 * missing CSRF headers and cookies. Each case goes out three times: without a session, as a counsellor and as an
 * admin.
 *
 * Every answer must be below 500, and every 4xx must be `{code}` with a code from shared/errors.ts (plus `fields` on
 * a 400, or a 409 usernameTaken). A request the route must refuse (the schemas decide which) must get a 4xx, and
 * after it every table must hold exactly what it held before. A small share of well-formed but hostile requests is
 * sent on purpose (NUL bytes, lone surrogates, limits exactly met), so such values reach the services and the
 * database; when one of those succeeds at storing something, the snapshot is taken again instead of compared.
 *
 * The routes come from the app itself, so a new route is fuzzed at once, and the test fails until it has a spec
 * below saying what its input is. SILTA_FUZZ_RUNS sets the cases on SQLite (default 4,200: 12,600 requests, over
 * 10,000 of them malformed); PostgreSQL gets a third as many. SILTA_FUZZ_SEED (printed at every start) and
 * SILTA_FUZZ_PATH (printed by fast-check on a failure) replay a run.
 */
import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '#server/routes/authenticate.ts';
import { fieldErrorCodes, requestErrorCodes } from '#shared/errors.ts';
import type * as z from 'zod/mini';
import { createAccountRequest, updateAccountRequest } from '#shared/schema/admin.ts';
import { assignmentParams } from '#shared/schema/assignments.ts';
import { auditEventsRequest, auditQuery } from '#shared/schema/audit.ts';
import { CSRF_HEADER, CSRF_HEADER_VALUE, signInRequest } from '#shared/schema/auth.ts';
import { accessCheckRequest, PROTOCOL_VERSION, pullQuery, pushRequest } from '#shared/schema/sync.ts';
import { clientData, TestDevice } from '../fixtures/serverEntries.ts';
import { seedClient, staffAccount } from './support/access.ts';
import { createTestAccount, TEST_ACCOUNT } from './support/accounts.ts';
import { cookieOf, injectSignIn, startTestApp, TEST_DEVICE_ID, type TestApp } from './support/app.ts';
import {
  accepts,
  anyBodies,
  decodedParam,
  jsonBodies,
  jsonMutations,
  missingFields,
  mutate,
  nesting,
  params,
  payloadOf,
  queries,
  queryString,
  seenBody,
  segmentOf,
  unparseableBodies,
  type BodyDraft,
  type ParamDraft,
  type QueryDraft,
  type QueryModel,
  type Seen,
} from './support/malformed.ts';
import { storeKinds } from './support/stores.ts';

function envInt(name: string): number | undefined {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? undefined : Number.parseInt(raw, 10);
}

const RUNS_SET = envInt('SILTA_FUZZ_RUNS');
const RUNS = RUNS_SET ?? 4200;
const SEED = envInt('SILTA_FUZZ_SEED') ?? randomBytes(4).readInt32LE();
const PATH = process.env['SILTA_FUZZ_PATH'];
/** PostgreSQL answers the same routes through the same code; a third of the cases keeps the file under a minute. */
const RUNS_BY_KIND = { sqlite: RUNS, postgres: Math.ceil(RUNS / 3) };
const MALFORMED_BAR = 10_000;

const ADMIN = { username: 'fuzz.admin', password: 'fuzz admin password 1' };
const ADMIN_DEVICE = 'ad00ad00ad00ad00';
const FAKE_UUID = '0190f7a2-0000-7000-8000-0000000000fa';
const FAKE_DEVICE = 'fa1efa1efa1efa1e';

const identities = ['anonymous', 'counsellor', 'admin'] as const;
type Identity = (typeof identities)[number];

interface World {
  readonly t: TestApp;
  readonly cookies: Readonly<Record<Identity, string | undefined>>;
  readonly accountIds: readonly string[];
  readonly staffId: string;
  readonly counsellorId: string;
  readonly clientId: string;
  readonly noteId: string;
}

/** A route as the app registered it: `GET /api/sync/pull` (HEAD comes with every GET). */
interface Route {
  readonly key: string;
  readonly url: string;
  readonly methods: readonly string[];
}

/**
 * The routes of an app, read from Fastify's own route tree (printRoutes prints nested paths under their prefix).
 * Each is checked with hasRoute, so a change in that printout fails here instead of hiding a route.
 */
function routesOf(app: FastifyInstance): Route[] {
  const byUrl = new Map<string, Set<string>>();
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const url = `${depth === 0 ? '' : prefixes[depth - 1]!}${match[2]!}`;
    prefixes[depth] = url;
    for (const method of match[3]?.split(', ') ?? []) {
      if (!app.hasRoute({ method, url })) throw new Error(`read ${method} ${url} from printRoutes, but the app has no such route`);
      byUrl.set(url, (byUrl.get(url) ?? new Set()).add(method));
    }
  }
  return [...byUrl].flatMap(([url, methods]) =>
    [...methods].filter((m) => m !== 'HEAD' || !methods.has('GET')).map((method) => ({ key: `${method} ${url}`, url, methods: method === 'GET' ? ['GET', 'HEAD'] : [method] })),
  );
}

/** What a request gives a route handler: its decoded path parameters (null: Fastify answers 400), query and body. */
interface Input {
  readonly params: Readonly<Record<string, string | null>>;
  readonly query: QueryModel;
  readonly body: Seen;
}

/** The hostile parts of one request to a route. */
interface Parts {
  readonly params: Readonly<Record<string, ParamDraft>>;
  readonly query: { readonly model: QueryModel; readonly draft: QueryDraft };
  readonly body: BodyDraft;
}

interface RouteSpec {
  readonly parts: fc.Arbitrary<Parts>;
  /**
   * When a caller who is signed in and allowed on the route must still be refused (a sufficient condition, not the
   * route's whole logic). Without it the route reads no input and may answer anything below 500.
   */
  readonly refuses?: (input: Input) => boolean;
  /** Whether a success stores something (a push, a pull's audit rows), so the snapshot is taken again after it. */
  readonly writes?: boolean;
}

function inputOf(method: string, parts: Parts): Input {
  return {
    params: Object.fromEntries(Object.entries(parts.params).map(([name, draft]) => [name, decodedParam(draft)])),
    query: parts.query.model,
    body: seenBody(method, parts.body),
  };
}

const noQuery = queries({});
const noParts: fc.Arbitrary<Parts> = fc.record({ params: fc.constant({}), query: noQuery, body: anyBodies() });

/** Values made from a template by one to three mutations. */
function mutated(template: unknown): fc.Arbitrary<unknown> {
  return fc.array(jsonMutations(template), { minLength: 1, maxLength: 3 }).map((mutations) => mutate(template, mutations));
}

/**
 * Mostly requests the route must refuse, and a share it may accept: those carry hostile values (NUL bytes, lone
 * surrogates, limits exactly met) past validation into the services and the database.
 */
function mostlyRefused(method: string, parts: fc.Arbitrary<Parts>, refuses: (input: Input) => boolean, acceptedShare: number): fc.Arbitrary<Parts> {
  const refused = parts.filter((p) => refuses(inputOf(method, p)));
  if (acceptedShare === 0) return refused;
  const accepted = parts.filter((p) => !refuses(inputOf(method, p)));
  return fc.oneof({ weight: Math.round(100 * (1 - acceptedShare)), arbitrary: refused }, { weight: Math.round(100 * acceptedShare), arbitrary: accepted });
}

const bodyValue = (input: Input): unknown => (input.body.refused ? undefined : input.body.value);
const otherVersion = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && /^\d{1,9}$/.test(v))) && Number(v) !== PROTOCOL_VERSION;
const versionOf = (value: unknown): unknown => (typeof value === 'object' && value !== null && Object.hasOwn(value, 'v') ? (value as { v: unknown }).v : undefined);
/** The documented nesting limit of push and audit bodies: a value in the 33rd level is a 400. */
const tooDeep = (value: unknown) => nesting(value) > 32;
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function routeSpecs(w: World): Record<string, RouteSpec> {
  const device = new TestDevice(TEST_DEVICE_ID);
  const inserted = device.insert('client', clientData());
  const pushTemplate = device.push([
    inserted,
    device.set('client', w.clientId, { email: 'fuzz@example.com' }, { email: inserted.hlc }),
    device.delete('note', w.noteId),
  ]);
  const eventsTemplate = {
    v: PROTOCOL_VERSION,
    events: [{ id: FAKE_UUID, action: 'view', recordType: 'client', recordId: w.clientId, clientId: w.clientId, at: '2026-01-01T00:00:00.000Z' }],
  };
  const signInTemplate = { username: TEST_ACCOUNT.username, password: 'not the password at all', deviceId: 'f00df00df00df00d', deviceName: 'Fuzzer 1.0' };
  const createTemplate = { username: 'fuzz.person', displayName: 'Fuzz Person', role: 'counsellor', municipalities: ['kyrkslatt'], clientId: null, password: 'a long enough password' };
  const updateTemplate = { displayName: 'Renamed', role: 'counsellor', municipalities: ['kyrkslatt'], clientId: null, disabled: false };
  const auditTemplate = {
    accountId: 'system',
    clientId: w.clientId,
    action: 'change',
    from: '2020-01-01T00:00:00.000Z',
    to: '2100-01-01T00:00:00.000Z',
    cursor: base64url(['2020-01-01T00:00:00.000Z', FAKE_UUID]),
    limit: '10',
  };
  const hostileCursors = [base64url(['\u0000', '\u0000']), base64url(['\uD800', 'x']), base64url(['x'.repeat(140), '']), base64url([1, 2]), base64url({}), 'W10', 'Ww', '_-_-'];
  const pullTemplate = { v: String(PROTOCOL_VERSION), cursor: '0', limit: '500', count: 'true' };
  const accessCheckTemplate = { v: PROTOCOL_VERSION, clientIds: [w.clientId, FAKE_UUID] };

  const templates: [string, z.core.$ZodType, unknown][] = [
    ['push', pushRequest, pushTemplate],
    ['events', auditEventsRequest, eventsTemplate],
    ['sign-in', signInRequest, signInTemplate],
    ['create', createAccountRequest, createTemplate],
    ['update', updateAccountRequest, updateTemplate],
    ['audit', auditQuery, auditTemplate],
    ['pull', pullQuery, pullTemplate],
    ['access-check', accessCheckRequest, accessCheckTemplate],
  ];
  for (const [name, schema, template] of templates) {
    // A template the schema refuses would make every mutation look like a refusal the route owes.
    if (!accepts(schema, template)) throw new Error(`the ${name} template does not pass its schema`);
    const uncovered = missingFields(schema, template);
    if (uncovered.length > 0) throw new Error(`the ${name} template leaves out schema fields, so no mutation reaches them: ${uncovered.join(', ')}`);
  }

  const bodyParts = (template: unknown, extraParams: fc.Arbitrary<Parts['params']> = fc.constant({})): fc.Arbitrary<Parts> =>
    fc.record({ params: extraParams, query: noQuery, body: jsonBodies(mutated(template)) });
  const queryParts = (template: Record<string, string>, extra: Record<string, readonly string[]> = {}): fc.Arbitrary<Parts> =>
    fc.record({ params: fc.constant({}), query: queries(template, extra), body: anyBodies() });

  const accountIds = [...w.accountIds, FAKE_UUID];
  const registered = [TEST_DEVICE_ID, ADMIN_DEVICE];
  const assignment = fc.record({ clientId: params([w.clientId, w.noteId, FAKE_UUID]), accountId: params([w.staffId, w.counsellorId, FAKE_UUID]) });

  const pushRefuses = (i: Input) => {
    const value = bodyValue(i);
    return i.body.refused || otherVersion(versionOf(value)) || tooDeep(value) || !accepts(pushRequest, value);
  };
  const eventsRefuses = (i: Input) => {
    const value = bodyValue(i);
    return i.body.refused || otherVersion(versionOf(value)) || tooDeep(value) || !accepts(auditEventsRequest, value);
  };
  const accessCheckRefuses = (i: Input) => {
    const value = bodyValue(i);
    return i.body.refused || otherVersion(versionOf(value)) || !accepts(accessCheckRequest, value);
  };
  const signInInvalid = (i: Input) => i.body.refused || !accepts(signInRequest, bodyValue(i));
  const signInParts = bodyParts(signInTemplate);
  const assignmentRefuses = (method: 'PUT' | 'DELETE') => (i: Input) => {
    const { clientId, accountId } = i.params;
    if (i.body.refused || !accepts(assignmentParams, { clientId, accountId }) || clientId !== w.clientId) return true;
    // Taking back an assignment that is not there is a 204; adding one needs an active member of municipal staff.
    return method === 'PUT' && accountId !== w.staffId;
  };
  const assignmentSpec = (method: 'PUT' | 'DELETE'): RouteSpec => {
    const refuses = assignmentRefuses(method);
    return { parts: mostlyRefused(method, fc.record({ params: assignment, query: noQuery, body: anyBodies() }), refuses, 0.05), refuses, writes: true };
  };

  // An id that names no account is a 404 (a malformed one too); a real one still needs a valid change.
  const patchRefuses = (i: Input) => {
    const id = i.params['id'];
    if (i.body.refused || typeof id !== 'string' || !w.accountIds.includes(id)) return true;
    return !accepts(updateAccountRequest, bodyValue(i) ?? {});
  };
  const eraseRefuses = (i: Input) => i.body.refused || i.params['clientId'] !== w.clientId;
  const revokeRefuses = (i: Input) => {
    const id = i.params['id'];
    return i.body.refused || typeof id !== 'string' || !registered.includes(id);
  };

  return {
    'GET /robots.txt': { parts: noParts },
    'GET /api/health': { parts: noParts },
    'GET /api/auth/session': { parts: noParts },
    'GET /api/admin/accounts': { parts: noParts },
    'GET /api/admin/devices': { parts: noParts },
    // Every sign-in is refused, since the fuzzer knows no password; well-formed ones cost an Argon2 check each, so few.
    'POST /api/auth/sign-in': {
      parts: fc.oneof(
        { weight: 19, arbitrary: signInParts.filter((p) => signInInvalid(inputOf('POST', p))) },
        { weight: 1, arbitrary: signInParts.filter((p) => !signInInvalid(inputOf('POST', p))) },
      ),
      refuses: () => true,
    },
    // Sign-out reads no body, so a signed-in caller can only be refused one Fastify cannot parse.
    'POST /api/auth/sign-out': {
      parts: fc.record({ params: fc.constant({}), query: noQuery, body: unparseableBodies() }).filter((p) => inputOf('POST', p).body.refused),
      refuses: (i) => i.body.refused,
      writes: true,
    },
    'POST /api/admin/accounts': {
      parts: mostlyRefused('POST', bodyParts(createTemplate), (i) => i.body.refused || !accepts(createAccountRequest, bodyValue(i)), 0.1),
      refuses: (i) => i.body.refused || !accepts(createAccountRequest, bodyValue(i)),
      writes: true,
    },
    // Real accounts get only bodies that must be refused: an accepted change could disable the fuzzer's own sessions.
    'PATCH /api/admin/accounts/:id': {
      parts: mostlyRefused(
        'PATCH',
        fc.oneof(bodyParts(updateTemplate, fc.record({ id: params(accountIds) })), fc.record({ params: fc.record({ id: params(accountIds) }), query: noQuery, body: anyBodies() })),
        patchRefuses,
        0,
      ),
      refuses: patchRefuses,
    },
    // Registered devices get only requests that must be refused: revoking one would end the fuzzer's own session.
    'POST /api/admin/devices/:id/revoke': {
      parts: mostlyRefused('POST', fc.record({ params: fc.record({ id: params([...registered, FAKE_DEVICE]) }), query: noQuery, body: anyBodies() }), revokeRefuses, 0),
      refuses: revokeRefuses,
    },
    'POST /api/sync/push': { parts: mostlyRefused('POST', bodyParts(pushTemplate), pushRefuses, 0.05), refuses: pushRefuses, writes: true },
    // A pull that delivers records logs them in the audit log: a write, by design.
    'GET /api/sync/pull': {
      parts: queryParts(pullTemplate),
      refuses: (i) => otherVersion(i.query['v']) || !accepts(pullQuery, i.query),
      writes: true,
    },
    'POST /api/sync/access-check': { parts: mostlyRefused('POST', bodyParts(accessCheckTemplate), accessCheckRefuses, 0.1), refuses: accessCheckRefuses },
    'POST /api/audit/events': { parts: mostlyRefused('POST', bodyParts(eventsTemplate), eventsRefuses, 0.05), refuses: eventsRefuses, writes: true },
    'GET /api/admin/audit': { parts: queryParts(auditTemplate, { cursor: hostileCursors }), refuses: (i) => !accepts(auditQuery, i.query) },
    'GET /api/admin/audit/export': { parts: queryParts(auditTemplate, { cursor: hostileCursors }), refuses: (i) => !accepts(auditQuery, i.query) },
    'PUT /api/clients/:clientId/assignments/:accountId': assignmentSpec('PUT'),
    'DELETE /api/clients/:clientId/assignments/:accountId': assignmentSpec('DELETE'),
    // An export logs what it hands out: a write, by design.
    'GET /api/clients/:clientId/export': {
      parts: fc.record({ params: fc.record({ clientId: params([w.clientId, w.noteId, FAKE_UUID]) }), query: noQuery, body: anyBodies() }),
      refuses: (i) => i.params['clientId'] !== w.clientId,
      writes: true,
    },
    // Only requests that must be refused: erasing the world's client would leave the other routes nothing to reach.
    'POST /api/clients/:clientId/erase': {
      parts: mostlyRefused('POST', fc.record({ params: fc.record({ clientId: params([w.clientId, w.noteId, FAKE_UUID]) }), query: noQuery, body: anyBodies() }), eraseRefuses, 0),
      refuses: eraseRefuses,
    },
  };
}

/** How the headers of a request are varied, on top of the identity's own cookie and the CSRF header. */
type HeaderVariant =
  | { readonly kind: 'plain' }
  | { readonly kind: 'noCsrf' }
  | { readonly kind: 'csrf'; readonly value: string | readonly string[] }
  /** `own`: the identity's cookie then a junk one, or the junk one first; `exactly`: this header instead of it. */
  | { readonly kind: 'cookie'; readonly shape: 'ownThenJunk' | 'junkThenOwn' | 'exactly'; readonly value: string }
  | { readonly kind: 'extra'; readonly headers: Readonly<Record<string, string>> };

const forgedToken = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 43, maxLength: 43 });

const cookieVariants: fc.Arbitrary<HeaderVariant> = fc.oneof(
  forgedToken.map((token): HeaderVariant => ({ kind: 'cookie', shape: 'exactly', value: `${SESSION_COOKIE}=${token}` })),
  fc
    .constantFrom('', 'x', '%zz', '"quoted"', 'a'.repeat(5000), 'null', '__proto__')
    .map((value): HeaderVariant => ({ kind: 'cookie', shape: 'exactly', value: `${SESSION_COOKIE}=${value}` })),
  fc.constantFrom<'ownThenJunk' | 'junkThenOwn'>('ownThenJunk', 'junkThenOwn').map((shape): HeaderVariant => ({ kind: 'cookie', shape, value: `${SESSION_COOKIE}=junk` })),
  fc
    .constantFrom(';;;', '=', SESSION_COOKIE, 'a=b=c; ;', '__proto__=x; constructor=y', `${SESSION_COOKIE.toLowerCase()}=x`)
    .map((value): HeaderVariant => ({ kind: 'cookie', shape: 'exactly', value })),
);

function cookieHeader(variant: Extract<HeaderVariant, { kind: 'cookie' }>, own: string | undefined): string {
  if (variant.shape === 'exactly' || own === undefined) return variant.value;
  return variant.shape === 'ownThenJunk' ? `${own}; ${variant.value}` : `${variant.value}; ${own}`;
}

const headerVariants: fc.Arbitrary<HeaderVariant> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<HeaderVariant>({ kind: 'plain' }) },
  { weight: 1, arbitrary: fc.constant<HeaderVariant>({ kind: 'noCsrf' }) },
  { weight: 1, arbitrary: fc.constantFrom<string | readonly string[]>('0', '', 'true', '11', ' 1', '1 ', 'yes', ['1', '1'], ['1', '0']).map((value): HeaderVariant => ({ kind: 'csrf', value })) },
  { weight: 2, arbitrary: cookieVariants },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom<Record<string, string>>(
        { accept: 'text/html' },
        { 'accept-encoding': 'gzip' },
        { 'accept-encoding': 'br, deflate' },
        { 'content-encoding': 'gzip' },
        { 'content-encoding': 'deflate' },
        { 'content-encoding': 'x-unknown' },
        { 'x-forwarded-for': '10.0.0.1, 127.0.0.1' },
        { origin: 'https://evil.example' },
        { 'x-http-method-override': 'DELETE' },
        { 'accept-version': '1.0.0' },
        { host: 'evil.example' },
      )
      .map((headers): HeaderVariant => ({ kind: 'extra', headers })),
  },
);

/** Path spellings that name no route, or the same one: either way the route's expectation stands. */
const pathVariants = fc.oneof(
  { weight: 17, arbitrary: fc.constant((path: string) => path) },
  {
    weight: 3,
    arbitrary: fc.constantFrom<(path: string) => string>(
      (p) => `${p}/`,
      (p) => p.toUpperCase(),
      (p) => `/${p}`,
      (p) => p.replace('/api/', '/api//'),
      (p) => p.replace('/api/', '/api/./'),
      (p) => p.replace('/api/', '/%61pi/'),
      (p) => `${p};x=1`,
      (p) => `${p}%00`,
    ),
  },
);

interface Case {
  readonly route: string;
  readonly method: string;
  readonly url: string;
  readonly body: BodyDraft;
  readonly headers: HeaderVariant;
  /** `refused`: every answer must be a 4xx. `any`: anything below 500. */
  readonly expect: 'refused' | 'any';
  readonly writes: boolean;
  readonly [fc.toStringMethod]: () => string;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

function pathOf(url: string, parts: Parts): string {
  return url.replace(/:(\w+)/g, (_, name: string) => {
    const param = parts.params[name];
    return param === undefined ? 'x' : segmentOf(param);
  });
}

function withQuery(path: string, draft: QueryDraft): string {
  const query = queryString(draft);
  return query === '' ? path : `${path}?${query}`;
}

/** fast-check prints counterexamples with this: the address cut short, since some carry kilobytes of junk. */
function printable(c: Omit<Case, typeof fc.toStringMethod>): Case {
  const url = c.url.length > 300 ? `${c.url.slice(0, 300)}…(${c.url.length} chars)` : c.url;
  return { ...c, [fc.toStringMethod]: () => `${c.method} ${url} body=${fc.stringify(c.body)} headers=${fc.stringify(c.headers)} expect=${c.expect}` };
}

function caseArbitrary(routes: readonly Route[], specs: Readonly<Record<string, RouteSpec>>): fc.Arbitrary<Case> {
  const routeCase = (route: Route): fc.Arbitrary<Case> => {
    const spec = specs[route.key] ?? { parts: noParts };
    return fc.record({ parts: spec.parts, method: fc.constantFrom(...route.methods), headers: headerVariants, variant: pathVariants }).map(({ parts, method, headers, variant }) =>
      printable({
        route: route.key,
        method,
        url: withQuery(variant(pathOf(route.url, parts)), parts.query.draft),
        body: parts.body,
        headers,
        expect: spec.refuses !== undefined && spec.refuses(inputOf(method, parts)) ? 'refused' : 'any',
        writes: spec.writes ?? false,
      }),
    );
  };
  const byUrl = new Map<string, Set<string>>();
  for (const route of routes) for (const m of route.methods) byUrl.set(route.url, (byUrl.get(route.url) ?? new Set()).add(m));
  const wrongMethod = fc
    .constantFrom(...byUrl.keys())
    .chain((url) => {
      const missing = METHODS.filter((m) => !byUrl.get(url)!.has(m));
      return fc.record({ url: fc.constant(url), method: fc.constantFrom(...missing), body: anyBodies(), headers: headerVariants, query: noQuery });
    })
    .map(({ url, method, body, headers, query }) =>
      printable({
        route: 'a method the path does not have',
        method,
        url: withQuery(pathOf(url, { params: {}, query, body }), query.draft),
        body,
        headers,
        expect: 'refused',
        writes: false,
      }),
    );
  const unknownPath = fc
    .record({
      path: fc.constantFrom('/api', '/api/', '/api/sync', '/api/sync/push/x', '/api/admin', '/api/admin/accounts/x/y', '/api/__proto__', '/api/constructor', '/api/%zz', '/api/%2e%2e/health', '/api/x'.repeat(500), '/api/💩'),
      method: fc.constantFrom(...METHODS),
      body: anyBodies(),
      headers: headerVariants,
    })
    .map(({ path, method, body, headers }) => printable({ route: 'an address that is no route', method, url: path, body, headers, expect: 'refused', writes: false }));
  // Routes that read input get most of the cases: an input-less GET has little to get wrong.
  const byRoute = routes.map((route) => ({ weight: specs[route.key]?.refuses === undefined ? 1 : 3, arbitrary: routeCase(route) }));
  return fc.oneof({ weight: 18, arbitrary: fc.oneof(...byRoute) }, { weight: 1, arbitrary: wrongMethod }, { weight: 1, arbitrary: unknownPath });
}

async function send(w: World, c: Case, identity: Identity): Promise<LightMyRequestResponse> {
  const { payload, contentType, contentEncoding } = payloadOf(c.body);
  const headers: Record<string, string | string[]> = {};
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (contentEncoding !== undefined) headers['content-encoding'] = contentEncoding;
  const own = w.cookies[identity];
  if (own !== undefined) headers['cookie'] = own;
  if (c.headers.kind !== 'noCsrf') headers[CSRF_HEADER] = CSRF_HEADER_VALUE;
  if (c.headers.kind === 'csrf') headers[CSRF_HEADER] = [...(typeof c.headers.value === 'string' ? [c.headers.value] : c.headers.value)];
  if (c.headers.kind === 'cookie') headers['cookie'] = cookieHeader(c.headers, own);
  if (c.headers.kind === 'extra') Object.assign(headers, c.headers.headers);
  return w.t.app.inject({ method: c.method, url: c.url, headers, ...(payload !== undefined && { payload }) });
}

function decoded(response: LightMyRequestResponse): string {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'gzip') return gunzipSync(response.rawPayload).toString('utf8');
  if (encoding === 'br') return brotliDecompressSync(response.rawPayload).toString('utf8');
  if (encoding === 'deflate') return inflateSync(response.rawPayload).toString('utf8');
  return response.body;
}

const requestCodes: ReadonlySet<string> = new Set(requestErrorCodes);
const anyCodes: ReadonlySet<string> = new Set([...fieldErrorCodes, ...requestErrorCodes]);

/** What is wrong with one answer, if anything. `fields` may name the fields at fault of a 400, or the taken username of a 409. */
function judge(c: Case, response: LightMyRequestResponse): string[] {
  const status = response.statusCode;
  const problems: string[] = [];
  if (status >= 500) problems.push(`answered ${status}`);
  else if (c.expect === 'refused' && status < 400) problems.push(`accepted a request it must refuse (${status})`);
  else if (status >= 300 && status < 400) problems.push(`redirected (${status})`);
  if (status < 400 || c.method === 'HEAD') return problems;
  let body: unknown;
  try {
    body = JSON.parse(decoded(response));
  } catch {
    return [...problems, `a ${status} whose body is not JSON: ${response.body.slice(0, 200)}`];
  }
  const shown = JSON.stringify(body).slice(0, 300);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [...problems, `a ${status} whose body is no object: ${shown}`];
  const { code, fields, ...rest } = body as Record<string, unknown>;
  if (typeof code !== 'string' || !requestCodes.has(code)) problems.push(`a ${status} without a known code: ${shown}`);
  if (Object.keys(rest).length > 0) problems.push(`a ${status} with more than {code, fields}: ${shown}`);
  if (fields !== undefined) {
    const valid = (status === 400 || status === 409) && typeof fields === 'object' && fields !== null && Object.values(fields).every((f) => typeof f === 'string' && anyCodes.has(f));
    if (!valid) problems.push(`a ${status} with odd fields: ${shown}`);
  }
  if (status === 413 && code !== 'payloadTooLarge') problems.push(`a 413 with ${String(code)}`);
  if (status === 429 && code !== 'rateLimited') problems.push(`a 429 with ${String(code)}`);
  return problems;
}

/**
 * Columns that change on their own: `last_seen_at` of sessions and devices is written by any request of a signed-in
 * device (at most once a minute), and `failed_sign_ins`/`locked_until` of accounts by a wrong password, which every
 * well-formed sign-in the fuzzer sends is; counting them is the lockout doing its job.
 */
const BOOKKEEPING: Readonly<Record<string, readonly string[]>> = {
  sessions: ['last_seen_at'],
  devices: ['last_seen_at'],
  accounts: ['failed_sign_ins', 'locked_until'],
};

async function tablesOf(t: TestApp): Promise<string[]> {
  const rows =
    t.db.kind === 'sqlite'
      ? await t.db.sql(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      : await t.db.sql(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
  return rows.map((r) => String(r['name']));
}

/** Every row of every table, bookkeeping columns left out, in a stable order. */
async function snapshot(t: TestApp, tables: readonly string[]): Promise<Map<string, string[]>> {
  const state = new Map<string, string[]>();
  for (const table of tables) {
    const skip = BOOKKEEPING[table] ?? [];
    const rows = await t.db.sql(`SELECT * FROM ${table}`);
    state.set(table, rows.map((row) => JSON.stringify(Object.entries(row).filter(([column]) => !skip.includes(column)))).sort());
  }
  return state;
}

function differences(before: Map<string, string[]>, after: Map<string, string[]>): string[] {
  const found: string[] = [];
  for (const [table, rows] of after) {
    const earlier = new Set(before.get(table));
    const now = new Set(rows);
    for (const row of rows) if (!earlier.has(row)) found.push(`${table} gained ${row.slice(0, 300)}`);
    for (const row of earlier) if (!now.has(row)) found.push(`${table} lost ${row.slice(0, 300)}`);
  }
  return found;
}

const prototypeKeys = () => [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join()).join('|');

interface Tally {
  requests: number;
  malformed: number;
  /** Answers to signed-in requests other than 401 and 403: the fuzz got past authentication to the route's checks. */
  pastAuth: number;
  readonly statuses: Map<number, number>;
}

describe.each(storeKinds)('fuzzing every route on %s', (kind) => {
  let w: World;
  let routes: Route[];
  let specs: Record<string, RouteSpec>;

  beforeAll(async () => {
    const t = await startTestApp(kind);
    const counsellor = await t.sessionCookie();
    const admin = await createTestAccount(t.store, { ...ADMIN, role: 'admin', municipalities: [], displayName: 'Fuzz Admin' });
    const adminCookie = cookieOf(await injectSignIn(t.app, { ...ADMIN, deviceId: ADMIN_DEVICE }));
    if (adminCookie === undefined) throw new Error('the admin could not sign in');
    const staff = await staffAccount(t.store);
    const seeded = await seedClient(t.store, t.db, 'kyrkslatt');
    const [counsellorRow] = await t.db.sql(`SELECT id FROM accounts WHERE username = '${TEST_ACCOUNT.username}'`);
    const counsellorId = String(counsellorRow?.['id']);
    w = {
      t,
      cookies: { anonymous: undefined, counsellor, admin: adminCookie },
      accountIds: [counsellorId, admin.id, staff.accountId],
      staffId: staff.accountId,
      counsellorId,
      clientId: seeded.clientId,
      noteId: seeded.noteId,
    };
    routes = routesOf(t.app);
    specs = routeSpecs(w);
  });
  afterAll(async () => {
    await w.t.close();
  });

  it('has a fuzz spec for every route the app serves, and none for a route it does not', () => {
    const served = routes.map((r) => r.key).sort();
    expect(served.length).toBeGreaterThan(10);
    expect(served).toEqual(Object.keys(specs).sort());
  });

  it('answers malformed requests with a 4xx and a code, never a 5xx, and stores nothing', async () => {
    const runs = RUNS_BY_KIND[kind];
    console.log(`fuzz on ${kind}: seed ${SEED}, ${runs} cases × ${identities.length} identities (replay: SILTA_FUZZ_SEED=${SEED} SILTA_FUZZ_RUNS=${RUNS})`);
    const started = performance.now();
    const tables = await tablesOf(w.t);
    for (const table of ['records', 'applied_changes', 'sync_state', 'accounts', 'devices', 'sessions', 'client_access', 'client_assignments', 'audit_log']) expect(tables).toContain(table);
    let baseline = await snapshot(w.t, tables);
    const prototypes = prototypeKeys();
    const tallies = new Map<string, Tally>();

    const check = async (c: Case) => {
      const tally = tallies.get(c.route) ?? { requests: 0, malformed: 0, pastAuth: 0, statuses: new Map<number, number>() };
      tallies.set(c.route, tally);
      const problems: string[] = [];
      for (const identity of identities) {
        const response = await send(w, c, identity);
        const status = response.statusCode;
        tally.requests += 1;
        if (c.expect === 'refused') tally.malformed += 1;
        if (identity !== 'anonymous' && status !== 401 && status !== 403) tally.pastAuth += 1;
        tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
        problems.push(...judge(c, response).map((p) => `${identity}: ${p}`));
        // A success that stores something by design moves the baseline; anything else must leave it as it was.
        if (c.writes && status < 300) {
          baseline = await snapshot(w.t, tables);
        } else if (c.writes && c.expect === 'any') {
          const after = await snapshot(w.t, tables);
          problems.push(...differences(baseline, after).map((d) => `${identity} (${status}): ${d}`));
          baseline = after;
        }
      }
      if (!(c.writes && c.expect === 'any')) {
        const after = await snapshot(w.t, tables);
        problems.push(...differences(baseline, after));
        baseline = after;
      }
      if (prototypeKeys() !== prototypes || ({} as Record<string, unknown>)['polluted'] !== undefined) problems.push('a prototype was polluted');
      if (problems.length > 0) throw new Error(`${c.method} ${c.url.slice(0, 300)}\n${problems.join('\n')}`);
    };

    await fc.assert(fc.asyncProperty(caseArbitrary(routes, specs), check), { numRuns: runs, seed: SEED, ...(PATH !== undefined && PATH !== '' && { path: PATH }) });

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const lines = [...tallies].sort(([a], [b]) => a.localeCompare(b)).map(([route, tally]) => {
      const statuses = [...tally.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
      return `  ${route}: ${tally.requests} requests (${tally.malformed} malformed, ${tally.pastAuth} past authentication): ${statuses}`;
    });
    const total = [...tallies.values()].reduce((sum, t) => sum + t.requests, 0);
    const malformed = [...tallies.values()].reduce((sum, t) => sum + t.malformed, 0);
    console.log(`fuzz on ${kind}: ${total} requests (${malformed} malformed) in ${seconds} s\n${lines.join('\n')}`);

    if (RUNS_SET === undefined) {
      // Every route was fuzzed, and signed-in requests got past authentication to the route's own checks.
      for (const route of routes) {
        const tally = tallies.get(route.key);
        expect([route.key, (tally?.requests ?? 0) > 0, (tally?.pastAuth ?? 0) > 0]).toEqual([route.key, true, true]);
      }
      if (kind === 'sqlite') expect(malformed).toBeGreaterThanOrEqual(MALFORMED_BAR);
    }
  }, 600_000);
});
