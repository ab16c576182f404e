/**
 * The album form's values and how they become `album.put` arguments. The fields' limits are the
 * protocol's own (`Album`), with the form's words for what zod has none for: at least one photo,
 * at most 60, a group when "some groups", and the consent tick. Pure: no React.
 */
import { z } from 'zod';
import { Album, ALBUM_MAX_PHOTOS, Id, MediaHash } from '../../../domain/model.js';
import type { MutationArgs } from '../../../protocol/index.js';

const f = Album.shape;

export interface AlbumFormMessages {
  noPhotos: string;
  tooManyPhotos: string;
  chooseGroup: string;
  consent: string;
}

export function albumFormSchema(m: AlbumFormMessages) {
  return z
    .object({
      title: f.title,
      photos: z
        .array(z.object({ hash: MediaHash, caption: z.string().trim().max(200) }))
        .min(1, m.noPhotos)
        .max(ALBUM_MAX_PHOTOS, m.tooManyPhotos),
      audienceKind: z.enum(['all', 'groups']),
      groupIds: z.array(Id).max(100),
      consentConfirmed: z.boolean().refine((v) => v, { message: m.consent }),
    })
    .superRefine((v, ctx) => {
      if (v.audienceKind === 'groups' && v.groupIds.length === 0)
        ctx.addIssue({ code: 'custom', path: ['groupIds'], message: m.chooseGroup });
    });
}
export type AlbumFormValues = z.infer<ReturnType<typeof albumFormSchema>>;

/**
 * The form's values for a stored album, or for a new one. The consent tick starts unticked even
 * for a stored album: whoever saves a change confirms it again for the photos as they are now.
 */
export function formValuesOf(album: Album | null): AlbumFormValues {
  return {
    title: album?.title ?? '',
    photos: (album?.photos ?? []).map((p) => ({ hash: p.hash, caption: p.caption ?? '' })),
    audienceKind: album?.audience.kind ?? 'all',
    groupIds: album?.audience.kind === 'groups' ? album.audience.groupIds : [],
    consentConfirmed: false,
  };
}

/** `album.put`'s arguments (an empty caption is none). */
export function toAlbumArgs(v: AlbumFormValues, id: string): MutationArgs<'album.put'> {
  return {
    id,
    title: v.title.trim(),
    photos: v.photos.map((p) =>
      p.caption.trim() ? { hash: p.hash, caption: p.caption.trim() } : { hash: p.hash },
    ),
    audience:
      v.audienceKind === 'groups' ? { kind: 'groups', groupIds: v.groupIds } : { kind: 'all' },
    consentConfirmed: true,
  };
}

/** The album as a kiosk would show it, for the preview (the server's own fields made up). */
export function previewOf(v: AlbumFormValues, id: string, now: Date): Album | null {
  if (!v.title.trim() || v.photos.length === 0) return null;
  const at = now.toISOString();
  return {
    ...toAlbumArgs(v, id),
    publishedAt: at,
    updatedAt: at,
    updatedBy: 'preview',
  };
}
