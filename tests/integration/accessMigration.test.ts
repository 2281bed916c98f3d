import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { computePull } from '#server/services/computePull.ts';
import { createMigrator } from '#server/store/migrations/index.ts';
import type { Database } from '#server/store/schema.ts';
import { SQLITE_FILE_NAME } from '#server/store/sqlite.ts';
import { PROTOCOL_VERSION } from '#shared/schema/sync.ts';
import { clientData, noteData } from '../fixtures/serverEntries.ts';
import { accountActor } from './support/access.ts';
import { createTestDatabase, storeKinds, type TestDatabase } from './support/stores.ts';

function kyselyOn(db: TestDatabase): Kysely<Database> {
  return db.kind === 'sqlite'
    ? new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(join(db.dataDir, SQLITE_FILE_NAME)) }) })
    : new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: db.databaseUrl }) }) });
}

function recordRow(type: string, id: string, clientId: string, data: object, deleted: string | null, seq: number): string {
  return `('${id}', '${type}', '${clientId}', '${JSON.stringify(data)}', '{}', ${deleted === null ? 'NULL' : `'${deleted}'`}, ${seq})`;
}

describe.each(storeKinds)('migration 003 on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('fills client_access from the client records already stored, so existing data stays in reach', async () => {
    const kysely = kyselyOn(db);
    try {
      const { error } = await createMigrator(kysely).migrateTo('002_accounts');
      expect(error).toBeUndefined();
    } finally {
      await kysely.destroy();
    }
    const kyrkslatt = uuidv7();
    const sjundea = uuidv7();
    const deleted = uuidv7();
    const note = uuidv7();
    await db.sql(
      `INSERT INTO records (id, type, client_id, data, stamps, deleted, seq) VALUES ${[
        recordRow('client', kyrkslatt, kyrkslatt, clientData({ homeMunicipality: 'kyrkslatt' }), null, 1),
        recordRow('client', sjundea, sjundea, clientData({ homeMunicipality: 'sjundea' }), null, 2),
        recordRow('client', deleted, deleted, {}, '001750000000000-00000-0123456789abcdef', 3),
        recordRow('note', note, kyrkslatt, noteData(kyrkslatt), null, 4),
      ].join(', ')}`,
    );
    await db.sql('UPDATE sync_state SET last_seq = 4');

    const store = await db.openStore();
    try {
      expect((await store.migrate()).applied).toEqual(['003_access_and_audit', '004_erasure', '005_access_version']);
      const rows = await db.sql('SELECT client_id, municipality FROM client_access ORDER BY municipality');
      expect(rows).toEqual([
        { client_id: kyrkslatt, municipality: 'kyrkslatt' },
        { client_id: sjundea, municipality: 'sjundea' },
      ]);
      const page = await computePull(store, accountActor('counsellor'), { v: PROTOCOL_VERSION, cursor: 0, limit: 10, count: true });
      expect(page.records.map((r) => r.id)).toEqual([kyrkslatt, note]);
    } finally {
      await store.close();
    }
  });
});
