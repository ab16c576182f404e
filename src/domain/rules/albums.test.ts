import { describe, expect, it } from 'vitest';
import type { Album } from '../model.js';
import { albumsFor, newestFirst } from './albums.js';

const album = (id: string, publishedAt: string, groupIds: string[] | null = null): Album => ({
  id,
  title: id,
  photos: [{ hash: 'a'.repeat(64) }],
  audience: groupIds ? { kind: 'groups', groupIds } : { kind: 'all' },
  consentConfirmed: true,
  publishedAt,
  updatedAt: publishedAt,
  updatedBy: 'u',
});

describe('albums', () => {
  it('are newest first, equal times by id', () => {
    const list = [
      album('b', '2026-11-01T10:00:00.000Z'),
      album('c', '2026-12-01T10:00:00.000Z'),
      album('a', '2026-11-01T10:00:00.000Z'),
    ];
    expect(newestFirst(list).map((a) => a.id)).toEqual(['c', 'a', 'b']);
  });

  it('for a resident: those for everyone and for their groups only', () => {
    const list = [
      album('all', '2026-11-01T10:00:00.000Z'),
      album('x', '2026-11-02T10:00:00.000Z', ['gx']),
      album('y', '2026-11-03T10:00:00.000Z', ['gy']),
    ];
    expect(albumsFor(list, ['gx']).map((a) => a.id)).toEqual(['x', 'all']);
    expect(albumsFor(list, []).map((a) => a.id)).toEqual(['all']);
  });
});
