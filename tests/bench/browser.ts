/**
 * What every bench that times IndexedDB in Chromium shares: a PERSISTENT profile per run (a
 * kiosk's IndexedDB lives on disk; `browser.newPage()` opens a private context whose IndexedDB
 * lives in memory and was measured 20–35 % faster, ENVIRONMENT.md 2026-12-01), the raw
 * IndexedDB floor measured in that same profile, a browser entry bundled by Vite in memory, and a
 * loopback page to run it on (IndexedDB needs a real origin, not about:blank).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.js';
import { round, type BenchContext } from './common.js';

export interface ProfileOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  /** Extra Chromium flags (e.g. `--host-resolver-rules=…`). */
  args?: string[];
}

/**
 * Chromium with a fresh throw-away user data directory (removed when the bench ends): IndexedDB,
 * the service worker and its caches on disk, as on a kiosk.
 */
export async function openProfile(
  ctx: BenchContext,
  name: string,
  opts: ProfileOptions = {},
): Promise<BrowserContext> {
  const dir = mkdtempSync(join(tmpdir(), `cg-bench-${name}-profile-`));
  ctx.defer(() => rmSync(dir, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
    headless: true,
    ...(opts.viewport ? { viewport: opts.viewport, deviceScaleFactor: 1 } : {}),
    ...(opts.locale ? { locale: opts.locale } : {}),
  });
  ctx.defer(() => context.close());
  return context;
}

/** The Chromium version of a persistent context (it has no Browser object of its own). */
export async function chromiumVersion(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { product } = await cdp.send('Browser.getVersion');
    return product.replace(/^\D*\//, '');
  } finally {
    await cdp.detach();
  }
}

/** One record to write raw: its object store (the entity type) and the row. */
export type FloorRow = [store: string, row: Record<string, unknown>];

// Plain JavaScript evaluated as a string: tsx wraps named functions with a `__name` helper that
// does not exist in a page that is not ours (the kiosk UI's).
const FLOOR = `(async ({ rows, name, indexes, batch }) => {
  const stores = [...new Set(rows.map((r) => r[0]))];
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      for (const s of stores) {
        const store = req.result.createObjectStore(s, { keyPath: 'id' });
        for (const field of indexes[s] ?? []) store.createIndex(field, field);
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const t0 = performance.now();
  for (let from = 0; from < rows.length; from += batch) {
    const part = rows.slice(from, from + batch);
    await new Promise((resolve, reject) => {
      const tx = db.transaction([...new Set(part.map((r) => r[0]))], 'readwrite');
      for (const [s, row] of part) tx.objectStore(s).put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  }
  const ms = performance.now() - t0;
  db.close();
  await new Promise((resolve) => {
    const del = indexedDB.deleteDatabase(name);
    del.onsuccess = del.onerror = del.onblocked = () => resolve();
  });
  return ms;
})`;

/**
 * A floor with more of what a real cache does: secondary `indexes` per object store (field
 * names), and the rows committed in transactions of `batch`, one after another.
 */
export interface FloorShape {
  indexes?: Record<string, readonly string[]>;
  batch?: number;
}

/**
 * The raw IndexedDB floor in this page's profile: `rows` written with plain `put`s in ONE
 * readwrite transaction (an object store per entity type, keyPath `id`, no secondary index),
 * until `oncomplete` (committed). What any sync storing these rows stands on. Rows are sent to
 * the page first; only the transactions are timed. `shape` adds indexes and commits.
 */
export async function rawFloorMs(
  page: Page,
  rows: readonly FloorRow[],
  shape: FloorShape = {},
): Promise<number> {
  const name = `floor-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const args = { rows, name, indexes: shape.indexes ?? {}, batch: shape.batch ?? rows.length };
  return page.evaluate<number>(`${FLOOR}(${JSON.stringify(args)})`);
}

/** Several floors, each in a fresh database; the median is what is printed beside a result. */
export async function rawFloor(
  page: Page,
  rows: readonly FloorRow[],
  times = 3,
  shape: FloorShape = {},
): Promise<{ medianMs: number; runsMs: number[] }> {
  const runsMs: number[] = [];
  for (let i = 0; i < times; i++) runsMs.push(round(await rawFloorMs(page, rows, shape), 1));
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)] ?? NaN, runsMs };
}

/** `x / floor` as printed beside a result ("1.84× the raw floor"). */
export const ratio = (ms: number, floorMs: number): number => round(ms / floorMs, 2);

/** Builds a browser entry (and what it imports) into one IIFE, in memory, with Vite. */
export async function buildBundle(entry: string, name: string): Promise<string> {
  const res = await build({
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    publicDir: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: false,
      emptyOutDir: false,
      lib: { entry, formats: ['iife'], name, fileName: () => 'bench.js' },
    },
  });
  for (const out of Array.isArray(res) ? res : [res]) {
    if (!('output' in out)) continue;
    for (const chunk of out.output) if (chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('vite produced no bundle');
}

/** A page serving `bundle` on its own loopback origin; returns its address. */
export async function servePage(ctx: BenchContext, bundle: string, title: string): Promise<string> {
  const http = createServer((req, res) => {
    if (req.url === '/bench.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(bundle);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><meta charset="utf-8"><title>${title}</title><script src="/bench.js"></script>`,
      );
    }
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  ctx.defer(() => new Promise((resolve) => http.close(resolve)));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
}

/** Opens `url` in a new page of `context` and waits for the bundle's global. */
export async function openBenchPage(
  context: BrowserContext,
  url: string,
  global: string,
  errors: string[],
): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  await page.goto(url);
  await page.waitForFunction((g) => g in globalThis, global, { timeout: 20_000 });
  return page;
}

const SMALL_WRITES = `(async ({ n, name }) => {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('outbox', { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const out = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await new Promise((resolve, reject) => {
      const tx = db.transaction('outbox', 'readwrite');
      tx.objectStore('outbox').put({
        id: crypto.randomUUID(),
        name: 'signup.add',
        args: { activityId: 'bench-a-0', residentId: 'r-anna' },
        createdAt: new Date().toISOString(),
        attempts: 0,
        lastError: null,
      });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    out.push(performance.now() - t0);
  }
  db.close();
  await new Promise((resolve) => {
    const del = indexedDB.deleteDatabase(name);
    del.onsuccess = del.onerror = del.onblocked = () => resolve();
  });
  return out;
})`;

/**
 * The floor of a one-row write (an outbox entry's size), each in its own readwrite transaction
 * until committed, `n` times in this page's profile: what "durable before shown as sent" costs
 * at the least.
 */
export async function rawOneRowWritesMs(page: Page, n: number): Promise<number[]> {
  const name = `floor-one-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return page.evaluate<number[]>(`${SMALL_WRITES}(${JSON.stringify({ n, name })})`);
}

const READ_ALL = `(async ({ name, stores }) => {
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const present = stores.filter((s) => db.objectStoreNames.contains(s));
  const t0 = performance.now();
  const rows = await new Promise((resolve, reject) => {
    const tx = db.transaction(present, 'readonly');
    let n = 0;
    for (const s of present) {
      const req = tx.objectStore(s).getAll();
      req.onsuccess = () => { n += req.result.length; };
    }
    tx.oncomplete = () => resolve(n);
    tx.onerror = () => reject(tx.error);
  });
  const ms = performance.now() - t0;
  db.close();
  return { ms, rows };
})`;

/** Every row of `stores` of the page's own database `name` read raw in one transaction. */
export async function rawReadAll(
  page: Page,
  name: string,
  stores: readonly string[],
): Promise<{ ms: number; rows: number }> {
  return page.evaluate<{ ms: number; rows: number }>(
    `${READ_ALL}(${JSON.stringify({ name, stores })})`,
  );
}
