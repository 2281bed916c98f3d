/**
 * Builds the app on a fresh store of one kind, with a signed-up counsellor, and speaks the sync protocol to it
 * through inject(). Every device id that pushes is signed in as its own device on first use, so a push is always
 * made by the device it names.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppConfig } from '#server/app.ts';
import { SESSION_COOKIE } from '#server/routes/authenticate.ts';
import type { Store, StoreKind } from '#server/store/types.ts';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '#shared/schema/auth.ts';
import { PROTOCOL_VERSION, pullResponse, pushResponse, type PullResponse, type PushRequest, type PushResponse, type WireRecord } from '#shared/schema/sync.ts';
import { createTestAccount, TEST_ACCOUNT } from './accounts.ts';
import { migratedStore, type TestDatabase } from './stores.ts';

export const TEST_VERSION = '0.0.0-test';

/** The device `pull` and `inject` act as unless told otherwise. */
export const TEST_DEVICE_ID = '7e577e577e577e57';

export interface TestAppOptions {
  readonly staticDir?: string;
  /** The clock every session decision uses (default: the real one). */
  readonly clock?: () => Date;
  /** Session lengths and the sign-in rate; the sync suites sign in often, so the rate defaults to plenty. */
  readonly config?: Omit<AppConfig, 'version'>;
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly db: TestDatabase;
  /** The `Cookie` header value of a session of the test account on this device (signed in on first use). */
  readonly sessionCookie: (deviceId?: string) => Promise<string>;
  /** app.inject() as a signed-in device: with its session cookie and the CSRF header. */
  readonly inject: (options: InjectOptions, deviceId?: string) => Promise<LightMyRequestResponse>;
  readonly push: (body: PushRequest) => Promise<PushResponse>;
  readonly pull: (cursor: number, limit?: number, count?: boolean) => Promise<PullResponse>;
  /** Every record after `cursor`, page by page. */
  readonly pullAll: (cursor?: number, limit?: number) => Promise<WireRecord[]>;
  readonly close: () => Promise<void>;
}

/** The session cookie's `name=value` from an inject() answer. */
export function cookieOf(response: LightMyRequestResponse): string | undefined {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE && c.value !== '');
  return cookie && `${cookie.name}=${cookie.value}`;
}

export interface InjectCredentials {
  readonly username: string;
  readonly password: string;
  readonly deviceId: string;
}

/** POST /api/auth/sign-in through inject(), with the CSRF header; the answer as it came. */
export function injectSignIn(app: FastifyInstance, { username, password, deviceId }: InjectCredentials): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE },
    payload: { username, password, deviceId, deviceName: 'test' },
  });
}

export async function startTestApp(kind: StoreKind, staticDirOrOptions?: string | TestAppOptions): Promise<TestApp> {
  const options: TestAppOptions = typeof staticDirOrOptions === 'string' ? { staticDir: staticDirOrOptions } : (staticDirOrOptions ?? {});
  const { db, store, close } = await migratedStore(kind);
  await createTestAccount(store);
  const app = await buildApp({
    store,
    config: { version: TEST_VERSION, signInsPerMinute: 10_000, ...options.config },
    staticDir: options.staticDir,
    ...(options.clock && { clock: options.clock }),
  });

  const sessions = new Map<string, Promise<string>>();
  const signIn = async (deviceId: string) => {
    const response = await injectSignIn(app, { username: TEST_ACCOUNT.username, password: TEST_ACCOUNT.password, deviceId });
    const cookie = cookieOf(response);
    if (response.statusCode !== 200 || cookie === undefined) throw new Error(`sign-in answered ${response.statusCode}: ${response.body}`);
    return cookie;
  };
  const sessionCookie = (deviceId = TEST_DEVICE_ID) => {
    let cookie = sessions.get(deviceId);
    if (cookie === undefined) {
      cookie = signIn(deviceId);
      sessions.set(deviceId, cookie);
    }
    return cookie;
  };
  const inject = async (request: InjectOptions, deviceId = TEST_DEVICE_ID) =>
    app.inject({ ...request, headers: { ...request.headers, cookie: await sessionCookie(deviceId), [CSRF_HEADER]: CSRF_HEADER_VALUE } });

  const push = async (body: PushRequest) => {
    const response = await inject({ method: 'POST', url: '/api/sync/push', payload: body }, body.deviceId);
    if (response.statusCode !== 200) throw new Error(`push answered ${response.statusCode}: ${response.body}`);
    return pushResponse.parse(response.json());
  };
  const pull = async (cursor: number, limit = 500, count?: boolean) => {
    const query = { v: String(PROTOCOL_VERSION), cursor: String(cursor), limit: String(limit), ...(count === undefined ? {} : { count: String(count) }) };
    const response = await inject({ method: 'GET', url: '/api/sync/pull', query });
    if (response.statusCode !== 200) throw new Error(`pull answered ${response.statusCode}: ${response.body}`);
    return pullResponse.parse(response.json());
  };
  return {
    app,
    store,
    db,
    sessionCookie,
    inject,
    push,
    pull,
    async pullAll(cursor = 0, limit = 500) {
      const records: WireRecord[] = [];
      for (let page = await pull(cursor, limit); ; page = await pull(page.cursor, limit)) {
        records.push(...page.records);
        if (!page.more) return records;
      }
    },
    async close() {
      await app.close();
      await close();
    },
  };
}
