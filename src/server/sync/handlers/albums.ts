/**
 * Photo albums (issue 10): staff post a few photos with a title for some houses or all, and the
 * kiosks' Photos screen and relatives' phones show them by the audience rule, as news
 * (sync/visibility.ts). A photo is served only to whoever may see an album naming it
 * (media/media-refs.ts), so each photo must be a picture already in the media store.
 */
import { Rejection, type PartialHandlers } from '../handler.js';

type AlbumNames = 'album.put' | 'album.del';

export const albumHandlers: PartialHandlers<AlbumNames> = {
  async 'album.put'(ctx, input) {
    for (const [i, photo] of input.photos.entries()) {
      const kind = await ctx.mediaKind(photo.hash);
      if (kind === null)
        throw new Rejection('not_found', `Photo ${i + 1} is not on the server: upload it first.`);
      if (kind !== 'image')
        throw new Rejection(
          'invalid',
          `Photo ${i + 1} is not a picture (only photos go in an album).`,
        );
    }
    if (input.audience.kind === 'groups')
      for (const groupId of input.audience.groupIds)
        if (!(await ctx.w.get('group', groupId)))
          throw new Rejection('not_found', 'An album can only be for groups that exist.');
    const existing = await ctx.w.get('album', input.id);
    const at = ctx.now.toISOString();
    await ctx.w.put('album', {
      ...input,
      // An empty caption is no caption: screens then show none and read none aloud.
      photos: input.photos.map((p) => (p.caption ? p : { hash: p.hash })),
      publishedAt: existing?.publishedAt ?? at,
      updatedAt: at,
      updatedBy: ctx.principal.id,
    });
    return undefined;
  },
  async 'album.del'(ctx, { id }) {
    if (!(await ctx.w.get('album', id))) throw new Rejection('not_found', 'No such album.');
    await ctx.w.del('album', id);
    return undefined;
  },
};
