/** Builds the app on a fresh store of one kind and speaks the sync protocol to it through inject(). */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '#server/app.ts';
import type { Store, StoreKind } from '#server/store/types.ts';
import { PROTOCOL_VERSION, pullResponse, pushResponse, type PullResponse, type PushRequest, type PushResponse, type WireRecord } from '#shared/schema/sync.ts';
import { migratedStore, type TestDatabase } from './stores.ts';

export const TEST_VERSION = '0.0.0-test';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly db: TestDatabase;
  readonly push: (body: PushRequest) => Promise<PushResponse>;
  readonly pull: (cursor: number, limit?: number) => Promise<PullResponse>;
  /** Every record after `cursor`, page by page. */
  readonly pullAll: (cursor?: number, limit?: number) => Promise<WireRecord[]>;
  readonly close: () => Promise<void>;
}

export async function startTestApp(kind: StoreKind, staticDir?: string): Promise<TestApp> {
  const { db, store, close } = await migratedStore(kind);
  const app = await buildApp({ store, config: { version: TEST_VERSION }, staticDir });
  const push = async (body: PushRequest) => {
    const response = await app.inject({ method: 'POST', url: '/api/sync/push', payload: body });
    if (response.statusCode !== 200) throw new Error(`push answered ${response.statusCode}: ${response.body}`);
    return pushResponse.parse(response.json());
  };
  const pull = async (cursor: number, limit = 500) => {
    const response = await app.inject({ method: 'GET', url: '/api/sync/pull', query: { v: String(PROTOCOL_VERSION), cursor: String(cursor), limit: String(limit) } });
    if (response.statusCode !== 200) throw new Error(`pull answered ${response.statusCode}: ${response.body}`);
    return pullResponse.parse(response.json());
  };
  return {
    app,
    store,
    db,
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
