/**
 * `app://kiosk/`: the kiosk page served from the shell's own package (dist/ui/kiosk inside the
 * ASAR), so it opens with no network, no service worker and no server, whatever the server
 * speaks. The scheme is registered as standard and secure: relative URLs resolve, IndexedDB and
 * localStorage work, and the page is a secure context even when the server is plain http on the
 * LAN.
 *
 * Only `/api/*` and `/media/*` leave the machine: the handler forwards them to the configured
 * centre server (Electron's `net.fetch`), so the page keeps calling its own origin (no CORS, the
 * same relative `<img src="/media/…">` as in a browser). The sync socket goes to the server
 * directly (`KioskApi.server`): a protocol handler cannot carry a WebSocket.
 *
 * Electron is injected (`SchemeElectron`), so all of this is tested without its binary.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

export const KIOSK_SCHEME = 'app';
export const KIOSK_HOST = 'kiosk';
/** The page's origin, which IPC trusts and the CSP calls 'self'. */
export const KIOSK_ORIGIN = `${KIOSK_SCHEME}://${KIOSK_HOST}`;
/** Where the window goes. The build's asset paths (`/kiosk/assets/…`) resolve under it. */
export const KIOSK_PAGE = `${KIOSK_ORIGIN}/`;

/**
 * What the scheme may do. Not `bypassCSP` (the page's CSP applies), not `allowServiceWorkers`
 * (the package is the offline copy; a worker would only add a second, stale one).
 */
export const kioskSchemePrivileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  // Vite's `<script type="module" crossorigin>` is a CORS-mode request, even to 'self'.
  corsEnabled: true,
  // <video> of the news streams with range requests through the proxy.
  stream: true,
  codeCache: true,
} as const;

/** The slice of Electron this module uses. */
export interface SchemeElectron {
  protocol: {
    registerSchemesAsPrivileged(
      schemes: { scheme: string; privileges: typeof kioskSchemePrivileges }[],
    ): void;
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
  };
  net: { fetch(input: string, init?: RequestInit): Promise<Response> };
}

/** Must run before `app` is ready (Electron refuses it later), and only once. */
export function registerKioskScheme(electron: Pick<SchemeElectron, 'protocol'>): void {
  electron.protocol.registerSchemesAsPrivileged([
    { scheme: KIOSK_SCHEME, privileges: kioskSchemePrivileges },
  ]);
}

export interface KioskHandlerOptions {
  /** The folder of the built kiosk page (dist/ui/kiosk). */
  root: string;
  /** The centre server's origin, e.g. `https://guide.example.dk`. */
  server: string;
  /** The CSP sent with the page (security/csp.ts). */
  csp: string;
  /** Forwards a request to the server (`net.fetch` in Electron). */
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  /** The kiosk's device token, added as a bearer header to what goes to the server. */
  token?: () => string | null;
  readFile?: (path: string) => Promise<Uint8Array>;
  log?: (line: string) => void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
  // The enrol form's QR decoder: WebAssembly.instantiateStreaming wants this exact type.
  '.wasm': 'application/wasm',
};

/** Paths the server answers; everything else is a file of the package. */
const SERVER_PATHS = /^\/(api|media)\//;
/** Headers of the page's request that are not passed on: the server sees the shell, not a site. */
const DROPPED = new Set(['host', 'origin', 'referer', 'connection', 'content-length']);

const plain = (status: number, text: string): Response =>
  new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });

/**
 * The file under `root` that a path names, or null when the path leaves `root` (`..`, an encoded
 * `%2e%2e` or `%2f`, a backslash on Windows, a NUL) or cannot be decoded. `/` is the page;
 * `/kiosk/…` is the build's own prefix (Vite's `base`), so its asset URLs work unchanged.
 */
export function fileFor(root: string, pathname: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const rel = path.replace(/^\/kiosk(?=\/|$)/, '').replace(/^\/+/, '') || 'index.html';
  const base = resolve(root);
  const file = resolve(base, rel);
  return file.startsWith(base + sep) ? file : null;
}

/** The `protocol.handle` handler for `app://kiosk/`. */
export function kioskHandler(
  options: KioskHandlerOptions,
): (request: Request) => Promise<Response> {
  const read = options.readFile ?? ((p: string) => readFile(p));
  const log = options.log ?? (() => {});
  const server = options.server.replace(/\/+$/, '');
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== KIOSK_HOST) return plain(404, 'Not found');
    if (SERVER_PATHS.test(url.pathname)) return forward(request, url, server, options);
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Not allowed');
    const file = fileFor(options.root, url.pathname);
    if (!file) {
      log(`app://kiosk: refused ${url.pathname} (outside the package)`);
      return plain(403, 'Forbidden');
    }
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return plain(404, 'Not found');
    }
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      // A new package brings new files; the page must never run half of an old one.
      'cache-control': 'no-cache',
    };
    if (type.startsWith('text/html')) headers['content-security-policy'] = options.csp;
    return new Response(request.method === 'HEAD' ? null : (body as BodyInit), {
      status: 200,
      headers,
    });
  };
}

async function forward(
  request: Request,
  url: URL,
  server: string,
  options: KioskHandlerOptions,
): Promise<Response> {
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!DROPPED.has(name.toLowerCase())) headers.set(name, value);
  });
  const token = options.token?.();
  if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
  const init: RequestInit = { method: request.method, headers, redirect: 'manual' };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    // Small bodies only (enrolment, counters): read whole rather than stream across the bridge.
    init.body = await request.arrayBuffer();
  }
  try {
    return await options.fetch(`${server}${url.pathname}${url.search}`, init);
  } catch (err) {
    // Offline: the page treats this like any failed fetch and keeps showing its cache.
    options.log?.(`app://kiosk: ${url.pathname} could not reach the server (${String(err)})`);
    return plain(502, 'The centre server cannot be reached');
  }
}

/** Serves `app://kiosk/` on the default session (after `app` is ready). */
export function serveKioskScheme(
  electron: SchemeElectron,
  options: Omit<KioskHandlerOptions, 'fetch'>,
): void {
  electron.protocol.handle(
    KIOSK_SCHEME,
    kioskHandler({ ...options, fetch: (input, init) => electron.net.fetch(input, init) }),
  );
}
