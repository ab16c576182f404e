/** The generic overlay: pending puts show over (or beside) the cache, pending deletes mark or hide. */
import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from './db.js';
import { overlayEntities, withoutPending } from './overlay-entities.js';

let seq = 0;
const entry = (name: OutboxEntry['name'], args: Record<string, unknown>): OutboxEntry => ({
  seq: ++seq,
  id: `m${seq}`,
  name,
  args,
  createdAt: '2026-12-01T09:00:00.000Z',
  attempts: 0,
  lastError: null,
  state: 'pending',
  appliedCursor: null,
});

const group = (id: string, name: string) => ({ id, name });

describe('overlayEntities', () => {
  it('shows an edit over the cached row, a new row after the cached ones, and marks a delete', () => {
    const rows = [group('g1', 'Huset'), group('g2', 'Haven')];
    const out = overlayEntities('group', rows, [
      entry('group.put', group('g1', 'Huset (nyt navn)')),
      entry('group.put', group('g3', 'Værkstedet')),
    ]);
    expect(out).toEqual([
      { id: 'g1', name: 'Huset (nyt navn)', pending: 'put' },
      { id: 'g2', name: 'Haven', pending: null },
      { id: 'g3', name: 'Værkstedet', pending: 'put' },
    ]);
  });

  it('lets the latest pending mutation of a row decide, and hides deletes when asked', () => {
    const rows = [{ id: 'n1', title: 'Old' }];
    const outbox = [entry('news.put', { id: 'n1', title: 'New' }), entry('news.del', { id: 'n1' })];
    expect(overlayEntities('news', rows, outbox)).toEqual([
      { id: 'n1', title: 'Old', pending: 'del' },
    ]);
    expect(overlayEntities('news', rows, outbox, { hideDeleted: true })).toEqual([]);
    // A put after the delete brings it back with the new values.
    outbox.push(entry('news.put', { id: 'n1', title: 'Again' }));
    expect(overlayEntities('news', rows, outbox)).toEqual([
      { id: 'n1', title: 'Again', pending: 'put' },
    ]);
  });

  it('keeps fields the server derives from the cached row, and ignores other kinds', () => {
    const rows = [{ id: 'a1', title: 'Banko', confirmedCount: 3, waitlistCount: 1 }];
    const out = overlayEntities('activity', rows, [
      entry('activity.put', { id: 'a1', title: 'Banko kl. 15' }),
      entry('news.put', { id: 'a1', title: 'not an activity' }),
      entry('signup.add', { activityId: 'a1', residentId: 'r1' }),
    ]);
    expect(out).toEqual([
      { id: 'a1', title: 'Banko kl. 15', confirmedCount: 3, waitlistCount: 1, pending: 'put' },
    ]);
  });
});

describe('withoutPending', () => {
  it('gives the entity back without its mark, for an undo or an edit', () => {
    const [row] = overlayEntities('group', [group('g1', 'Huset')], []);
    expect(withoutPending(row as NonNullable<typeof row>)).toEqual({ id: 'g1', name: 'Huset' });
  });
});
