/**
 * The kiosk page's service worker: keeps the page itself (index.html and its hashed assets)
 * available offline, so a reload or a crashed tab without network still opens the kiosk, which
 * then shows the day from its IndexedDB cache and keeps its outbox. Data never goes through
 * here: the socket, /api and /media are left alone.
 *
 * - The page (navigation): network first, so a rebuilt UI arrives at once; the cached copy
 *   when the server cannot be reached or does not answer within PAGE_TIMEOUT_MS.
 * - /kiosk/assets/*: cache first (the names carry a content hash, so they never change). All of
 *   them, pictograms and fonts included, are fetched when the page is kept, from the build's
 *   `asset-manifest.json`.
 *
 * Written against small local types: the WebWorker lib cannot share a program with the DOM lib.
 */

interface ExtendableEventLike extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(r: Promise<Response>): void;
}
interface WorkerScope {
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  readonly location: { readonly origin: string };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEventLike) => void): void;
}

const sw = self as unknown as WorkerScope;
const CACHE = 'kiosk-shell-v1';
const SHELL = new URL('./', sw.registration.scope).href;
const ASSETS = new URL('./assets/', sw.registration.scope).pathname;

/** The asset paths a page's HTML refers to. */
const assetsOf = (html: string): string[] =>
  [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
    .map((m) => m[1] ?? '')
    .filter((u) => u.startsWith(ASSETS));

/**
 * Every asset of this build (scripts, styles, fonts, pictograms), from the manifest the build
 * writes beside the page: pictograms and fonts are named only inside scripts and styles.
 */
async function buildAssets(): Promise<string[]> {
  try {
    const res = await fetch(new URL('./asset-manifest.json', sw.registration.scope).href, {
      cache: 'no-store',
    });
    if (!res.ok) return [];
    const files = (await res.json()) as unknown;
    return Array.isArray(files)
      ? files
          .filter((f): f is string => typeof f === 'string')
          .map((f) => new URL(f, sw.registration.scope).pathname)
      : [];
  } catch {
    return [];
  }
}

/** Stores the page and all its assets, and drops assets this build no longer has. */
async function keep(page: Response): Promise<void> {
  const html = await page.clone().text();
  const cache = await caches.open(CACHE);
  const manifest = await buildAssets();
  const wanted = [...new Set([...assetsOf(html), ...manifest])];
  for (const path of wanted) {
    if (!(await cache.match(path)))
      await storeAsset(cache, new Request(path)).catch(() => undefined);
  }
  await cache.put(SHELL, page);
  // Without the manifest (an older server, a failed fetch) nothing is dropped: a pictogram the
  // page still uses could otherwise go missing offline.
  if (manifest.length > 0) {
    for (const req of await cache.keys()) {
      const path = new URL(req.url).pathname;
      if (path.startsWith(ASSETS) && !wanted.includes(path)) await cache.delete(req);
    }
  }
}

sw.addEventListener('install', (e) => {
  e.waitUntil(
    fetch(SHELL, { cache: 'no-store' })
      .then((res) => (res.ok ? keep(res) : undefined))
      .catch(() => undefined)
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => sw.clients.claim()),
  );
});

/**
 * How long the page waits for the server before it opens from the cache. On a LAN where the
 * server machine is simply gone, a connection attempt can hang for many seconds; a wall screen
 * should show the day from its cache instead.
 */
const PAGE_TIMEOUT_MS = 3000;

function fetchWithin(req: Request, ms: number): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  return fetch(req, { signal: controller.signal }).finally(() => clearTimeout(timer));
}

async function page(e: FetchEventLike): Promise<Response> {
  try {
    const res = await fetchWithin(e.request, PAGE_TIMEOUT_MS);
    if (res.ok && (res.headers.get('content-type') ?? '').startsWith('text/html')) {
      e.waitUntil(keep(res.clone()).catch(() => undefined));
    }
    return res;
  } catch (err) {
    const cached = await caches.match(SHELL);
    if (cached) return cached;
    throw err;
  }
}

/**
 * Fetches an asset and keeps it, unless the answer is not the asset: the server answers an
 * unknown path under /kiosk/ with the page itself (HTML), which must never be cached as a script.
 */
async function storeAsset(cache: Cache, req: Request): Promise<Response> {
  const res = await fetch(req);
  const isHtml = (res.headers.get('content-type') ?? '').startsWith('text/html');
  if (res.ok && !isHtml) await cache.put(req, res.clone());
  return res;
}

async function asset(req: Request): Promise<Response> {
  const cached = await caches.match(req);
  return cached ?? storeAsset(await caches.open(CACHE), req);
}

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== sw.location.origin) return;
  if (req.mode === 'navigate' && url.href.startsWith(SHELL)) e.respondWith(page(e));
  else if (url.pathname.startsWith(ASSETS)) e.respondWith(asset(req));
});
