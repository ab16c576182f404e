import { describe, expect, it } from 'vitest';
import { isLive, newsState, nextNewsChange } from './news.js';

const at = (iso: string) => Date.parse(iso);
const post = (publishAt: string, expiresAt: string | null = null) => ({ publishAt, expiresAt });

describe('when a news post is on the wall', () => {
  it('is live from its publish instant until, not at, its expiry', () => {
    const p = post('2026-12-02T10:00:00.000Z', '2026-12-02T12:00:00.000Z');
    expect(newsState(p, at('2026-12-02T09:59:59.999Z'))).toBe('upcoming');
    expect(newsState(p, at('2026-12-02T10:00:00.000Z'))).toBe('live');
    expect(isLive(p, at('2026-12-02T11:59:59.999Z'))).toBe(true);
    expect(newsState(p, at('2026-12-02T12:00:00.000Z'))).toBe('expired');
    expect(isLive(post('2026-01-01T00:00:00.000Z'), at('2030-01-01T00:00:00.000Z'))).toBe(true);
  });

  it('names the next instant a post comes up or goes, and none when nothing will', () => {
    const now = at('2026-12-02T10:30:00.000Z');
    const posts = [
      post('2026-12-02T10:00:00.000Z', '2026-12-02T13:00:00.000Z'),
      post('2026-12-02T11:00:00.000Z'),
      post('2026-12-01T10:00:00.000Z', '2026-12-02T10:00:00.000Z'),
    ];
    expect(nextNewsChange(posts, now)).toBe(at('2026-12-02T11:00:00.000Z'));
    expect(nextNewsChange(posts, at('2026-12-02T11:00:00.000Z'))).toBe(
      at('2026-12-02T13:00:00.000Z'),
    );
    expect(nextNewsChange(posts, at('2026-12-02T13:00:00.000Z'))).toBeNull();
    expect(nextNewsChange([], now)).toBeNull();
  });
});
