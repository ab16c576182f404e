/**
 * Builds the kiosk page (src/ui/kiosk) into dist/ui, which the centre server serves under
 * /kiosk/ with a strict CSP (no inline script, nothing from outside): Vite's build emits only
 * external module scripts, and nothing here loads fonts or code from another origin.
 *
 * Two entries: the page, and the service worker `sw.js`, which must keep a fixed name at the
 * root of /kiosk/ so its scope covers the page.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const kiosk = fileURLToPath(new URL('./src/ui/kiosk', import.meta.url));
/** For `vite --config vite.config.ts` during development: the centre server to talk to. */
const centre = process.env.CITIZEN_GUIDE_SERVER ?? 'http://127.0.0.1:8080';

/**
 * Lists every emitted file under assets/ (scripts, styles, fonts, pictograms) in
 * `asset-manifest.json`, so the service worker can keep all of them for offline use, not only
 * those the HTML names (pictograms and fonts are referenced from the scripts and styles).
 */
const assetManifest = (): Plugin => ({
  name: 'citizen-guide-asset-manifest',
  generateBundle(_options, bundle) {
    const files = Object.keys(bundle)
      .filter((f) => f.startsWith('assets/'))
      .sort();
    this.emitFile({
      type: 'asset',
      fileName: 'asset-manifest.json',
      source: JSON.stringify(files),
    });
  },
});

export default defineConfig({
  root: kiosk,
  base: '/kiosk/',
  plugins: [react(), assetManifest()],
  server: {
    proxy: {
      '/api': centre,
      '/media': centre,
      '/socket.io': { target: centre, ws: true },
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/ui', import.meta.url)),
    emptyOutDir: true,
    // An inlined asset would be a data: URL; keep every file a file, as the CSP expects.
    assetsInlineLimit: 0,
    // One bundle of React, Dexie, socket.io-client and the zod model (~500 kB, ~150 kB gzipped),
    // loaded once over the centre LAN and then kept by the service worker.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      input: {
        index: `${kiosk}/index.html`,
        sw: `${kiosk}/sw.ts`,
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
});
