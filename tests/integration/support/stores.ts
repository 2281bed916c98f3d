/**
 * The stores every integration suite runs against: SQLite in a real file in a temp dir, and PostgreSQL in a fresh
 * database of the cluster globalSetup.ts started. Each call makes a new, empty database, so suites never share state.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { inject } from 'vitest';
import { createStore } from '#server/store/createStore.ts';
import { SQLITE_FILE_NAME } from '#server/store/sqlite.ts';
import type { Store, StoreKind } from '#server/store/types.ts';

export interface TestDatabase {
  readonly kind: StoreKind;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** Raw SQL on a second connection to the same database, for set-up and for checking what really is stored. */
  sql(text: string): Promise<Record<string, unknown>[]>;
  openStore(): Promise<Store>;
  dispose(): Promise<void>;
}

let counter = 0;

async function createPostgresDatabase(): Promise<string> {
  const adminUrl = inject('postgresUrl');
  if (!adminUrl) throw new Error('no PostgreSQL: add tests/integration/globalSetup.ts as the integration globalSetup');
  const name = `silta_test_${process.pid}_${Date.now().toString(36)}_${(counter += 1)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function sqliteDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'silta-sqlite-'));
  let raw: BetterSqlite3.Database | undefined;
  return {
    kind: 'sqlite',
    dataDir,
    databaseUrl: undefined,
    sql: (text) => {
      raw ??= new BetterSqlite3(join(dataDir, SQLITE_FILE_NAME));
      raw.pragma('busy_timeout = 5000');
      const statement = raw.prepare(text);
      if (!statement.reader) statement.run();
      return Promise.resolve(statement.reader ? (statement.all() as Record<string, unknown>[]) : []);
    },
    openStore: () => createStore({ dataDir }),
    dispose: async () => {
      raw?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function postgresDatabase(): Promise<TestDatabase> {
  const databaseUrl = await createPostgresDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'silta-pgdata-'));
  let raw: pg.Client | undefined;
  return {
    kind: 'postgres',
    dataDir,
    databaseUrl,
    sql: async (text) => {
      if (raw === undefined) {
        raw = new pg.Client({ connectionString: databaseUrl });
        await raw.connect();
      }
      return (await raw.query<Record<string, unknown>>(text)).rows;
    },
    openStore: () => createStore({ dataDir, databaseUrl }),
    dispose: async () => {
      await raw?.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `describe.each(storeKinds)` runs a suite once per store. */
export const storeKinds: readonly StoreKind[] = ['sqlite', 'postgres'];

export function createTestDatabase(kind: StoreKind): Promise<TestDatabase> {
  return kind === 'sqlite' ? sqliteDatabase() : postgresDatabase();
}

/** A fresh database, migrated, with a store open on it. */
export async function migratedStore(kind: StoreKind): Promise<{ db: TestDatabase; store: Store; close: () => Promise<void> }> {
  const db = await createTestDatabase(kind);
  const store = await db.openStore();
  await store.migrate();
  return {
    db,
    store,
    close: async () => {
      await store.close();
      await db.dispose();
    },
  };
}
