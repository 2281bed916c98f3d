import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from '../schema.ts';
import * as m001 from './001_initial.ts';
import * as m002 from './002_accounts.ts';
import * as m003 from './003_access_and_audit.ts';
import * as m004 from './004_erasure.ts';
import * as m005 from './005_access_version.ts';

/**
 * Migrations are imported statically (not read from a folder at run time) so the bundled server carries them.
 * Names sort in the order they run; the number before the underscore is the schema version health reports.
 */
const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_accounts': m002,
  '003_access_and_audit': m003,
  '004_erasure': m004,
  '005_access_version': m005,
};

export const LATEST_SCHEMA_VERSION = Object.keys(migrations).length;

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export function createMigrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider });
}

export function schemaVersionOf(migrationName: string | undefined): number {
  if (migrationName === undefined) return 0;
  const version = Number.parseInt(migrationName, 10);
  if (!Number.isSafeInteger(version)) throw new Error(`migration name without a version: ${migrationName}`);
  return version;
}
