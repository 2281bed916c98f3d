/**
 * Builds the two benchmark pages with vite into a temp directory: the Silta page (an ES module app with an
 * index.html, served by the Silta server as its static dir) and PouchDB's page script (one classic IIFE file).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export interface BuiltPages {
  /** Serve this as the Silta server's static dir: it holds index.html and its assets. */
  readonly siltaDir: string;
  /** The PouchDB page script's source, injected into a page on pouchdb-server's origin. */
  readonly pouchScript: string;
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
  const pouchDir = join(outDir, 'pouch');
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      outDir: pouchDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      lib: { entry: join(root, 'pouch.ts'), formats: ['iife'], name: 'pouchBenchPage', fileName: () => 'pouch.js' },
    },
  });
  return { siltaDir, pouchScript: await readFile(join(pouchDir, 'pouch.js'), 'utf8') };
}
