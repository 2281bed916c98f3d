/**
 * The server's settings, read from the environment in one place. Pure: main.ts passes in process.env and the
 * defaults that depend on where the bundle lives, so the rules can be tested without starting anything.
 */
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './services/sessionPolicy.ts';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** PostgreSQL connection string; when absent the store is SQLite in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** Seed demo data into an empty store. */
  readonly demo: boolean;
  readonly staticDir: string;
  readonly sessions: SessionPolicy;
  /** Sign-in attempts one IP address may make per minute (on each server instance). */
  readonly signInsPerMinute: number;
}

export interface ConfigDefaults {
  readonly staticDir: string;
}

/** A setting that cannot work: main.ts prints the message and exits without a stack trace. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const PRODUCTION_REFUSAL =
  'Silta cannot run with NODE_ENV=production yet: the security work is in, but its dependencies have not yet been ' +
  'through `npm audit` (the registry\'s audit service cannot be reached from where it is built). Run it without ' +
  'NODE_ENV=production for a demo or a pilot with test data.';

export const DEFAULT_SIGN_INS_PER_MINUTE = 10;

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

/** A whole number in [min, max], or the fallback when unset. */
function parseCount(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  if (!/^\d{1,9}$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${value}".`);
  }
  return Number(value);
}

function parseSessions(env: Readonly<Record<string, string | undefined>>): SessionPolicy {
  const maxHours = parseCount('SILTA_SESSION_MAX_HOURS', env['SILTA_SESSION_MAX_HOURS'], DEFAULT_SESSION_POLICY.maxHours, 1, 8760);
  const idleDefault = Math.min(DEFAULT_SESSION_POLICY.idleMinutes, maxHours * 60);
  const idleMinutes = parseCount('SILTA_SESSION_IDLE_MINUTES', env['SILTA_SESSION_IDLE_MINUTES'], idleDefault, 1, 525_600);
  if (idleMinutes > maxHours * 60) {
    throw new ConfigError(
      `SILTA_SESSION_IDLE_MINUTES (${idleMinutes}) cannot be longer than SILTA_SESSION_MAX_HOURS (${maxHours} h = ${maxHours * 60} min).`,
    );
  }
  return { idleMinutes, maxHours };
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
    sessions: parseSessions(env),
    signInsPerMinute: parseCount('SILTA_SIGN_INS_PER_MINUTE', env['SILTA_SIGN_INS_PER_MINUTE'], DEFAULT_SIGN_INS_PER_MINUTE, 1, 10_000),
  };
}
