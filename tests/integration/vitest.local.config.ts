import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Temporary: the integration project with its globalSetup, until the root vitest.config.ts has the line. */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'integration',
    include: ['tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    globalSetup: ['tests/integration/globalSetup.ts'],
  },
});
