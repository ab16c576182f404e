/**
 * Builds each front end into its own folder of dist/ui, which the centre server serves under its
 * own path with a strict CSP (no inline script, nothing from outside): Vite's build emits only
 * external module scripts, and nothing here loads fonts or code from another origin.
 *
 * - default mode: the kiosk page (src/ui/kiosk → dist/ui/kiosk, served at /kiosk/), two
 *   entries: the page, and the service worker `sw.js`, which must keep a fixed name at the root
 *   of /kiosk/ so its scope covers the page;
 * - `--mode staff`: the staff admin (src/ui/staff → dist/ui/staff, /staff/);
 * - `--mode family`: the relatives' pages (src/ui/relatives → dist/ui/family, /family/);
 * - `--mode municipal`: the municipal admin's page (src/ui/municipal → dist/ui/municipal), served
 *   at `/` of a municipal deployment's base domain (src/server/municipal/municipal-app.ts).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { familyInstall } from './src/ui/relatives/install/icons-plugin.js';

const ui = (app: string): string => fileURLToPath(new URL(`./src/ui/${app}`, import.meta.url));
const out = (app: string): string => fileURLToPath(new URL(`./dist/ui/${app}`, import.meta.url));
const kiosk = ui('kiosk');
/** For `vite --config vite.config.ts` during development: the centre server to talk to. */
const centre = process.env.CITIZEN_GUIDE_SERVER ?? 'http://127.0.0.1:8080';

/**
 * Lists the emitted files under assets/ (scripts, styles, fonts, pictograms) in
 * `asset-manifest.json`, so the service worker can keep all of them for offline use, not only
 * those the HTML names (pictograms and fonts are referenced from the scripts and styles).
 */
const assetManifest = (): Plugin => ({
  name: 'citizen-guide-asset-manifest',
  generateBundle(_options, bundle) {
    const files = Object.keys(bundle)
      // Not the QR decoder of the enrol form (chunk and 1 MB .wasm): enrolling needs the
      // server anyway, so no kiosk needs it offline, and every kiosk would download it.
      .filter((f) => f.startsWith('assets/') && !/^assets\/(qr-decoder|zxing_reader)-/.test(f))
      .sort();
    this.emitFile({
      type: 'asset',
      fileName: 'asset-manifest.json',
      source: JSON.stringify(files),
    });
  },
});

/**
 * zxing-wasm (the QR decoder for "Skan koden") falls back to a jsDelivr address for its .wasm
 * unless told otherwise. src/ui/kiosk/qr-decoder.ts always tells it (the .wasm is our own
 * asset), but the kiosk is offline by construction: no CDN address may ship in the bundle at
 * all, so it is cut out here (tests/integration/kiosk-build-assets.test.ts greps the build).
 */
const noZxingCdn = (): Plugin => ({
  name: 'citizen-guide-no-zxing-cdn',
  transform(code, id) {
    if (!/[\\/](zxing-wasm|barcode-detector)[\\/]/.test(id) || !code.includes('jsdelivr'))
      return null;
    return {
      code: code.replace(
        /https:\/\/fastly\.jsdelivr\.net\/npm\/zxing-wasm@[^/]+\/dist\/[^`'"]*/g,
        '',
      ),
      map: null,
    };
  },
});

/** `vite --config vite.config.ts [--mode staff]` during development: the centre server's paths. */
const devServer = {
  proxy: {
    '/api': centre,
    '/media': centre,
    '/socket.io': { target: centre, ws: true },
  },
};

const kioskConfig: UserConfig = {
  root: kiosk,
  base: '/kiosk/',
  plugins: [react(), assetManifest(), noZxingCdn()],
  server: devServer,
  build: {
    outDir: out('kiosk'),
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
};

/**
 * A page of a person (staff, relatives): one entry and no service worker (it opens with the
 * server; edits made while the connection drops wait in its outbox).
 */
const personPage = (app: 'staff' | 'family'): UserConfig => ({
  root: ui(app === 'family' ? 'relatives' : app),
  base: `/${app}/`,
  // The relatives' page installs on a phone's home screen: its manifest and icons.
  plugins: app === 'family' ? [react(), familyInstall()] : [react()],
  server: devServer,
  build: {
    outDir: out(app),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
});

/**
 * The municipal admin's page: one entry at the base domain's root, talking to /api/municipal.
 * In development the proxy keeps the browser's Host, so the node it talks to is started with
 * `serve-municipal --base-domain localhost` (CITIZEN_GUIDE_SERVER its address).
 */
const municipalPage: UserConfig = {
  root: ui('municipal'),
  base: '/',
  plugins: [react()],
  server: { proxy: { '/api': centre } },
  build: {
    outDir: out('municipal'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
};

export default defineConfig(({ mode }) =>
  mode === 'staff' || mode === 'family'
    ? personPage(mode)
    : mode === 'municipal'
      ? municipalPage
      : kioskConfig,
);
