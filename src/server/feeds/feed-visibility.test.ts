/**
 * The visibility rule for calendar addresses (sync/visibility.ts `isOwnFeed`): a `feed` record
 * reaches staff and the one relative who made it, never a kiosk nor another relative of the same
 * resident, and its delete (the resident erased) reaches staff only.
 */
import { describe, expect, it } from 'vitest';
import type { LoggedChange } from '../store/writer.js';
import { factsOf, project, residentFacts, type Viewer } from '../sync/visibility.js';

const facts = factsOf(
  new Map([['r1', residentFacts({ id: 'r1', wallConsent: true, groupIds: ['g1'] })]]),
);
const feed = (userId: string | null): LoggedChange => ({
  seq: 7,
  type: 'feed',
  id: 'f1',
  op: 'put',
  residentId: 'r1',
  data: {
    id: 'f1',
    residentId: 'r1',
    userId,
    createdAt: '2026-10-21T10:00:00.000Z',
    revokedAt: null,
  },
});
const relative = (userId: string, residentIds = ['r1']): Viewer => ({
  role: 'relative',
  residentIds: new Set(residentIds),
  userId,
});

describe('feed visibility', () => {
  it('reaches staff and the relative who made it', () => {
    expect(project(feed('u1'), { role: 'staff' }, facts)).toMatchObject({ id: 'f1', op: 'put' });
    expect(project(feed('u1'), { role: 'admin' }, facts)).not.toBeNull();
    expect(project(feed('u1'), relative('u1'), facts)).toMatchObject({ data: { userId: 'u1' } });
  });

  it('never another relative of the same resident, a kiosk, or the maker once they lost the resident', () => {
    expect(project(feed('u1'), relative('u2'), facts)).toBeNull();
    expect(project(feed(null), relative('u2'), facts)).toBeNull();
    expect(project(feed('u1'), { role: 'kiosk', groupIds: [] }, facts)).toBeNull();
    expect(project(feed('u1'), relative('u1', ['r2']), facts)).toBeNull();
    expect(
      project(feed('u1'), { role: 'relative', residentIds: new Set(['r1']) }, facts),
    ).toBeNull();
  });

  it('a delete (no owner in it) reaches staff only', () => {
    const del: LoggedChange = { seq: 8, type: 'feed', id: 'f1', op: 'del', residentId: 'r1' };
    expect(project(del, { role: 'staff' }, facts)).toMatchObject({ op: 'del' });
    expect(project(del, relative('u1'), facts)).toBeNull();
  });
});
