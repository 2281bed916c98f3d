import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, PRODUCTION_REFUSAL } from './config.ts';

const defaults = { staticDir: '/srv/silta/dist/client/' };

describe('parseConfig', () => {
  it('has defaults that run a demo on port 8080 with SQLite in ./data', () => {
    expect(parseConfig({}, defaults)).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: './data',
      databaseUrl: undefined,
      demo: true,
      staticDir: '/srv/silta/dist/client/',
      sessions: { idleMinutes: 480, maxHours: 168 },
      signInsPerMinute: 10,
    });
  });

  it('reads every setting from the environment', () => {
    const env = {
      PORT: '3000',
      HOST: '127.0.0.1',
      SILTA_DATA_DIR: '/var/lib/silta',
      DATABASE_URL: 'postgresql://silta@db/silta',
      SILTA_DEMO: 'off',
      SILTA_STATIC_DIR: '/opt/app',
      SILTA_SESSION_IDLE_MINUTES: '30',
      SILTA_SESSION_MAX_HOURS: '12',
      SILTA_SIGN_INS_PER_MINUTE: '100',
      NODE_ENV: 'development',
    };
    expect(parseConfig(env, defaults)).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/var/lib/silta',
      databaseUrl: 'postgresql://silta@db/silta',
      demo: false,
      staticDir: '/opt/app',
      sessions: { idleMinutes: 30, maxHours: 12 },
      signInsPerMinute: 100,
    });
  });

  it('refuses NODE_ENV=production with a message that says why', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' }, defaults)).toThrow(ConfigError);
    expect(() => parseConfig({ NODE_ENV: 'production' }, defaults)).toThrow(PRODUCTION_REFUSAL);
    expect(PRODUCTION_REFUSAL).toMatch(/npm audit/);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ SILTA_DEMO: 'maybe' }, /SILTA_DEMO/],
    [{ DATABASE_URL: 'mysql://db/silta' }, /DATABASE_URL/],
    [{ SILTA_SESSION_IDLE_MINUTES: '0' }, /SILTA_SESSION_IDLE_MINUTES must be a whole number from 1/],
    [{ SILTA_SESSION_IDLE_MINUTES: 'an hour' }, /SILTA_SESSION_IDLE_MINUTES/],
    [{ SILTA_SESSION_MAX_HOURS: '1.5' }, /SILTA_SESSION_MAX_HOURS must be a whole number/],
    [{ SILTA_SESSION_MAX_HOURS: '9000' }, /SILTA_SESSION_MAX_HOURS/],
    [{ SILTA_SESSION_IDLE_MINUTES: '600', SILTA_SESSION_MAX_HOURS: '8' }, /cannot be longer than SILTA_SESSION_MAX_HOURS \(8 h = 480 min\)/],
    [{ SILTA_SIGN_INS_PER_MINUTE: '0' }, /SILTA_SIGN_INS_PER_MINUTE/],
  ])('refuses %j', (env, message) => {
    expect(() => parseConfig(env, defaults)).toThrow(message);
  });

  it('accepts port 0 (any free port) and the usual spellings of on and off', () => {
    expect(parseConfig({ PORT: '0', SILTA_DEMO: 'false' }, defaults)).toMatchObject({ port: 0, demo: false });
    expect(parseConfig({ SILTA_DEMO: 'ON' }, defaults).demo).toBe(true);
  });

  it('shortens the default idle timeout to fit a short maximum session', () => {
    expect(parseConfig({ SILTA_SESSION_MAX_HOURS: '4' }, defaults).sessions).toEqual({ idleMinutes: 240, maxHours: 4 });
  });
});
