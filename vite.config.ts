import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The PWA build. The service worker (src/client/sw/sw.ts) precaches the app shell, every locale chunk and the
 * fonts, so after one visit the app starts with no network. The API is never cached: it is personal data and must
 * always come from the server.
 */
export default defineConfig({
  build: { outDir: 'dist/client', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['robots.txt', 'icons/apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Silta – kotoutumisohjelma / integrationsprogram',
        short_name: 'Silta',
        description:
          'Kirkkonummen ja Siuntion kotoutumisohjelman työväline – Kyrkslätts och Sjundeås verktyg för integrationsprogrammet',
        lang: 'fi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#0b4f8a',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      strategies: 'injectManifest',
      srcDir: 'src/client/sw',
      filename: 'sw.ts',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,woff2}'],
        // Subsets of the fonts for scripts the app's languages and its clients' names do not use: a page that
        // meets one still loads it from the network, or shows it in a system font offline.
        globIgnores: ['**/*-devanagari-*', '**/*-greek-*', '**/*-greek-ext-*', '**/*-math-*', '**/*-symbols-*'],
      },
    }),
  ],
});
