/**
 * Which photo albums a screen shows, in which order: newest first by when they were posted (one
 * order on the kiosk and the relatives' phones), and for a relative only those whose audience
 * includes the shown resident's groups (the audience rule). Pure.
 */
import type { Album } from '../model.js';
import { inAudience } from './audience.js';

/** Newest first; equal times by id, so the order never flickers. */
export const newestFirst = (albums: readonly Album[]): Album[] =>
  [...albums].sort(
    (a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id),
  );

/** The albums for a resident in `groupIds`, newest first. */
export const albumsFor = (albums: readonly Album[], groupIds: readonly string[]): Album[] =>
  newestFirst(albums.filter((a) => inAudience(a.audience, groupIds)));
