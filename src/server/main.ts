/**
 * The server process: read the settings, open and migrate the store, seed the demo when asked, listen, and shut
 * down cleanly on SIGINT/SIGTERM. Bundled to dist/server/main.js, so paths are relative to that file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import { buildApp } from './app.ts';
import { ConfigError, parseConfig, type ServerConfig } from './config.ts';
import { formatDemoSignIns, seedDemoAccounts } from './services/demoAccounts.ts';
import { seedDemo } from './services/demoSeed.ts';
import { createStore } from './store/createStore.ts';

function readConfig(): ServerConfig {
  try {
    return parseConfig(process.env, { staticDir: fileURLToPath(new URL('../client/', import.meta.url)) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const store = await createStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onPoolError: (error) => {
      console.error('PostgreSQL connection lost:', error.message);
    },
  });
  const migration = await store.migrate();
  if (migration.applied.length > 0) console.log(`Database migrated to schema version ${migration.schemaVersion}`);
  if (config.demo) {
    const now = new Date();
    const seeded = await seedDemo(store, { now });
    if (seeded.seeded) console.log(`Demo data added: ${seeded.clients} clients, ${seeded.notes} notes`);
    const signIns = await seedDemoAccounts(store, { now, dataDir: config.dataDir });
    if (signIns) console.log(formatDemoSignIns(signIns, config.dataDir));
  }
  const hasClient = existsSync(join(config.staticDir, 'index.html'));
  if (!hasClient) console.warn(`No built app in ${config.staticDir}: serving the API only (run the client build first).`);
  const app = await buildApp({
    store,
    config: { version, sessions: config.sessions, signInsPerMinute: config.signInsPerMinute },
    staticDir: hasClient ? config.staticDir : undefined,
    logger: true,
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  console.log(`Silta is running on http://localhost:${port}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    const shutdown = async () => {
      await app.close();
      await store.close();
    };
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => {
    stop('SIGINT');
  });
  process.once('SIGTERM', () => {
    stop('SIGTERM');
  });
}

main().catch((error: unknown) => {
  console.error('Silta could not start:', error);
  process.exit(1);
});
