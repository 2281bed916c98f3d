/**
 * Starts one PostgreSQL cluster for the whole integration run and hands its URL to the tests through
 * vitest's provide/inject. Each suite then creates its own database in it (see support/stores.ts).
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgresServer.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
