/**
 * Builds the benchmark pages with vite into a temp directory: the Silta page (an ES module app with an index.html,
 * served by the Silta server as its static dir), and two classic IIFE scripts injected into other pages: PouchDB's
 * page script and the probe P3 adds to the real app.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export interface BuiltPages {
  /** Serve this as the Silta server's static dir: it holds index.html and its assets. */
  readonly siltaDir: string;
  /** The PouchDB page script's source, injected into a page on pouchdb-server's origin. */
  readonly pouchScript: string;
  /** P3's timing probe (page/probe.ts), added to the real app as an init script. */
  readonly probeScript: string;
}

async function buildScript(root: string, outDir: string, entry: string, name: string): Promise<string> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      lib: { entry: join(root, `${entry}.ts`), formats: ['iife'], name, fileName: () => `${entry}.js` },
    },
  });
  return readFile(join(outDir, `${entry}.js`), 'utf8');
}

export async function buildPages(outDir: string): Promise<BuiltPages> {
  const root = resolve('bench/page');
  const siltaDir = join(outDir, 'silta');
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: { outDir: siltaDir, emptyOutDir: true, target: 'es2022', minify: true, sourcemap: false },
  });
  return {
    siltaDir,
    pouchScript: await buildScript(root, join(outDir, 'pouch'), 'pouch', 'pouchBenchPage'),
    probeScript: await buildScript(root, join(outDir, 'probe'), 'probe', 'siltaProbePage'),
  };
}
