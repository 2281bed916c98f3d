import { defineConfig } from 'vite';

/**
 * Bundles the Node server and the admin CLI (and the shared code they import) into dist/server/main.js and
 * dist/server/admin.js; packages stay external.
 */
export default defineConfig({
  publicDir: false,
  build: {
    ssr: true,
    outDir: 'dist/server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: { main: 'src/server/main.ts', admin: 'src/server/admin.ts' },
      output: { entryFileNames: '[name].js' },
    },
  },
});
