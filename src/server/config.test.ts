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
      NODE_ENV: 'development',
    };
    expect(parseConfig(env, defaults)).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/var/lib/silta',
      databaseUrl: 'postgresql://silta@db/silta',
      demo: false,
      staticDir: '/opt/app',
    });
  });

  it('refuses NODE_ENV=production with a message that says why', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' }, defaults)).toThrow(ConfigError);
    expect(() => parseConfig({ NODE_ENV: 'production' }, defaults)).toThrow(PRODUCTION_REFUSAL);
    expect(PRODUCTION_REFUSAL).toMatch(/no user accounts/);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ SILTA_DEMO: 'maybe' }, /SILTA_DEMO/],
    [{ DATABASE_URL: 'mysql://db/silta' }, /DATABASE_URL/],
  ])('refuses %j', (env, message) => {
    expect(() => parseConfig(env, defaults)).toThrow(message);
  });

  it('accepts port 0 (any free port) and the usual spellings of on and off', () => {
    expect(parseConfig({ PORT: '0', SILTA_DEMO: 'false' }, defaults)).toMatchObject({ port: 0, demo: false });
    expect(parseConfig({ SILTA_DEMO: 'ON' }, defaults).demo).toBe(true);
  });
});
