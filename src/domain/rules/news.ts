/**
 * When a news post is on the wall, the one place it lives: from its `publishAt` until its
 * `expiresAt` (none: until taken down). The wall, the relatives' page and the staff admin's lists
 * call it, and ask it when the next post comes up or goes, so each shows the change at that
 * instant instead of at its next clock tick.
 */
import type { News } from '../model.js';

export type NewsState = 'upcoming' | 'live' | 'expired';

type Timed = Pick<News, 'publishAt' | 'expiresAt'>;

/** Where a post stands at `now` (ms). */
export function newsState(n: Timed, now: number): NewsState {
  if (Date.parse(n.publishAt) > now) return 'upcoming';
  if (n.expiresAt !== null && Date.parse(n.expiresAt) <= now) return 'expired';
  return 'live';
}

/** Shown at `now`: published and not expired. */
export const isLive = (n: Timed, now: number): boolean => newsState(n, now) === 'live';

/** The first instant after `now` at which one of `posts` comes up or goes; null if none will. */
export function nextNewsChange(posts: readonly Timed[], now: number): number | null {
  let next: number | null = null;
  for (const n of posts) {
    for (const at of [
      Date.parse(n.publishAt),
      n.expiresAt === null ? NaN : Date.parse(n.expiresAt),
    ])
      if (at > now && (next === null || at < next)) next = at;
  }
  return next;
}
