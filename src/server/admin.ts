/**
 * The admin CLI (`npm run admin -- …`), bundled to dist/server/admin.js beside the server so it runs with plain
 * node. It opens the server's own database from the same settings, migrating it first, so the first admin account
 * can be made before the server has ever started.
 */
import { createInterface } from 'node:readline';
import { ConfigError, parseConfig } from './config.ts';
import { ADMIN_USAGE, runAdminCommand, UsageError, type ExitCode } from './adminCommands.ts';
import { createStore } from './store/createStore.ts';

/** The first line of standard input. Shown as typed on a terminal: it is meant for scripts and one-off set-up. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (at least 12 characters; it shows as you type): ');
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

async function main(args: readonly string[]): Promise<ExitCode> {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    console.log(ADMIN_USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const config = parseConfig(process.env, { staticDir: '' });
  const store = await createStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await store.migrate();
    return await runAdminCommand(store, args, { readPassword, out: (line) => console.log(line), now: () => new Date() });
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${ADMIN_USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 1;
    } else {
      console.error('The admin command failed:', error);
      process.exitCode = 1;
    }
  },
);
