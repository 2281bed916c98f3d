/**
 * The server's settings, read from the environment in one place. Pure: main.ts passes in process.env and the
 * defaults that depend on where the bundle lives, so the rules can be tested without starting anything.
 */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** PostgreSQL connection string; when absent the store is SQLite in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** Seed demo data into an empty store. */
  readonly demo: boolean;
  readonly staticDir: string;
}

export interface ConfigDefaults {
  readonly staticDir: string;
}

/** A setting that cannot work: main.ts prints the message and exits without a stack trace. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const PRODUCTION_REFUSAL =
  'Silta cannot run with NODE_ENV=production yet: it has no user accounts, so anyone who reaches the server ' +
  'could read and change every record. Run it without NODE_ENV=production for a demo or a pilot on a trusted ' +
  'network; sign-in arrives in a later release.';

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 8080;
  if (!/^\d{1,5}$/.test(value.trim()) || Number(value) > 65_535) {
    throw new ConfigError(`PORT must be a number from 0 to 65535, not "${value}".`);
  }
  return Number(value);
}

function parseSwitch(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim().toLowerCase();
  if (['on', 'true', '1', 'yes'].includes(v)) return true;
  if (['off', 'false', '0', 'no'].includes(v)) return false;
  throw new ConfigError(`${name} must be "on" or "off", not "${value}".`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function parseConfig(env: Readonly<Record<string, string | undefined>>, defaults: ConfigDefaults): ServerConfig {
  if (env['NODE_ENV'] === 'production') throw new ConfigError(PRODUCTION_REFUSAL);
  const databaseUrl = nonEmpty(env['DATABASE_URL']);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://; leave it unset to use SQLite.');
  }
  return {
    port: parsePort(env['PORT']),
    host: nonEmpty(env['HOST']) ?? '127.0.0.1',
    dataDir: nonEmpty(env['SILTA_DATA_DIR']) ?? './data',
    databaseUrl,
    demo: parseSwitch('SILTA_DEMO', env['SILTA_DEMO'], true),
    staticDir: nonEmpty(env['SILTA_STATIC_DIR']) ?? defaults.staticDir,
  };
}
