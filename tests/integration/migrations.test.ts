import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '#server/store/migrations/index.ts';
import { createTestDatabase, storeKinds, type TestDatabase } from './support/stores.ts';

describe.each(storeKinds)('migrations on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('brings a fresh database to the latest schema, and running again changes nothing', async () => {
    const store = await db.openStore();
    try {
      expect(await store.health()).toEqual({ ok: false, schemaVersion: null });
      expect(await store.migrate()).toEqual({ applied: ['001_initial', '002_accounts', '003_access_and_audit', '004_erasure', '005_access_version'], schemaVersion: LATEST_SCHEMA_VERSION });
      expect(await store.health()).toEqual({ ok: true, schemaVersion: LATEST_SCHEMA_VERSION });
      expect(await store.migrate()).toEqual({ applied: [], schemaVersion: LATEST_SCHEMA_VERSION });
    } finally {
      await store.close();
    }
    // A restarted server (a new connection) finds nothing to do either, and the counter row is still the only one.
    const reopened = await db.openStore();
    try {
      expect(await reopened.migrate()).toEqual({ applied: [], schemaVersion: LATEST_SCHEMA_VERSION });
      expect(await reopened.lastSeq()).toBe(0);
      expect(await db.sql('SELECT id, last_seq FROM sync_state')).toEqual([{ id: 1, last_seq: kind === 'postgres' ? '0' : 0 }]);
      expect(await db.sql('SELECT count(*) AS n FROM records')).toEqual([{ n: kind === 'postgres' ? '0' : 0 }]);
    } finally {
      await reopened.close();
    }
  });
});
