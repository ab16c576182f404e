/**
 * Failure case 8: a pull larger than one message is paginated (`more: true`), no page is over the
 * size cap whatever `limit` asks for, `limit` is respected, and the pages together hold every
 * change exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { News } from '../../src/domain/model.js';
import { PULL_DEFAULT_LIMIT, PULL_MAX_LIMIT, type PullResult } from '../../src/protocol/index.js';
import { MAX_PAGE_BYTES } from '../../src/server/sync/pull.js';
import { seedResidents } from '../helpers/fixtures.js';
import {
  apply,
  mutate,
  pull,
  startTestServer,
  type SyncSocket,
  type TestServer,
} from '../helpers/test-server.js';

const POSTS = 300;
/** About 9,000 characters of Danish: the letters æ, ø and å take two bytes each in UTF-8. */
const body = (i: number): string =>
  `Nyhed ${i}: `
    .concat('Æbleskiver og gløgg i fælles stuen på søndag. Vi håber, at alle kommer! '.repeat(130))
    .slice(0, 9000);

let t: TestServer;
let staff: SyncSocket;
let head = 0;
beforeAll(async () => {
  t = await startTestServer();
  staff = await t.staff();
  await seedResidents(staff, 2);
  const results = await Promise.all(
    Array.from({ length: POSTS }, (_, i) =>
      mutate(staff, 'news.put', {
        id: `n${i}`,
        title: `Nyhed ${i}`,
        body: body(i),
        media: [],
        publishAt: new Date().toISOString(),
        expiresAt: null,
        audience: { kind: 'all' },
      } satisfies News),
    ),
  );
  for (const r of results) if (r.status === 'applied') head = Math.max(head, r.cursor);
  expect(results.every((r) => r.status === 'applied')).toBe(true);
}, 60_000);
afterAll(async () => {
  await t.close();
});

const bytes = (page: PullResult): number => Buffer.byteLength(JSON.stringify(page), 'utf8');

async function allPages(socket: SyncSocket, limit?: number): Promise<PullResult[]> {
  const pages: PullResult[] = [];
  let cursor = 0;
  for (;;) {
    const page = await pull(socket, cursor, limit);
    pages.push(page);
    expect(page.cursor).toBeGreaterThanOrEqual(cursor);
    cursor = page.cursor;
    if (!page.more) return pages;
  }
}

describe('a pull larger than one message', () => {
  it.each([
    ['the default limit', undefined],
    ['the largest limit', PULL_MAX_LIMIT],
  ])('is split into pages under the size cap with %s', async (_what, limit) => {
    const pages = await allPages(staff, limit);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.slice(0, -1).every((p) => p.more)).toBe(true);
    for (const page of pages) {
      expect(bytes(page)).toBeLessThanOrEqual(MAX_PAGE_BYTES);
      expect(page.changes.length).toBeLessThanOrEqual(limit ?? PULL_DEFAULT_LIMIT);
    }
    const news = pages.flatMap((p) => p.changes).filter((c) => c.type === 'news');
    expect(news.map((c) => c.id).sort()).toEqual(
      Array.from({ length: POSTS }, (_, i) => `n${i}`).sort(),
    );
    const seqs = pages.flatMap((p) => p.changes.map((c) => c.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(pages.at(-1)?.cursor).toBe(head);
  });

  it('respects a small limit', async () => {
    const pages = await allPages(staff, 7);
    for (const page of pages) expect(page.changes.length).toBeLessThanOrEqual(7);
    expect(pages.flatMap((p) => p.changes).filter((c) => c.type === 'news')).toHaveLength(POSTS);
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(POSTS / 7));
  });

  it('pages a kiosk’s filtered view the same way', async () => {
    const kiosk = await t.connect(await t.kioskToken());
    const pages = await allPages(kiosk);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(bytes(page)).toBeLessThanOrEqual(MAX_PAGE_BYTES);
    expect(pages.flatMap((p) => p.changes).filter((c) => c.type === 'news')).toHaveLength(POSTS);
  });

  it('answers a pull from the head with nothing, and more: false', async () => {
    const page = await pull(staff, head);
    expect(page).toEqual({
      changes: [],
      cursor: head,
      more: false,
      view: expect.any(String) as string,
    });
    await apply(staff, 'group.put', { id: 'g9', name: 'Sidste' });
    const next = await pull(staff, head);
    expect(next.changes.map((c) => c.id)).toEqual(['g9']);
    head = next.cursor;
  });
});
