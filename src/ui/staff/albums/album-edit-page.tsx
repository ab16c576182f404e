/**
 * `/albums/new` and `/albums/:id`: the form for a new album or a stored one. Saving goes through
 * the outbox (`album.put`): the list shows it at once, "Gemt" follows the server's answer (a
 * photo the server does not hold, or a missing tick, is refused there too); a new album can be
 * undone from that notice.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { Link } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'wouter';
import type { Album } from '../../../domain/model.js';
import type { MutationArgs } from '../../../protocol/index.js';
import { PageHeader } from '../shell/page-header.js';
import { useSave } from '../shell/save.js';
import { useStaff } from '../shell/staff-env.js';
import { AlbumForm } from './album-form.js';
import { formValuesOf, toAlbumArgs } from './form-model.js';

const newId = (): string => `album-${crypto.randomUUID()}`;

/** A stored album as `album.put` takes it back (for undo): without the server's own fields. */
export const albumArgsOf = ({
  publishedAt: _p,
  updatedAt: _u,
  updatedBy: _b,
  ...rest
}: Album & { pending?: unknown }): MutationArgs<'album.put'> => {
  const { pending: _x, ...args } = rest as typeof rest & { pending?: unknown };
  return args;
};

export function AlbumEditPage() {
  const { t } = useTranslation('staffAlbums');
  const params = useParams<{ id?: string }>();
  const [, navigate] = useLocation();
  const { db } = useStaff();
  const save = useSave();
  const isNew = params.id === undefined || params.id === 'new';
  const id = useMemo(
    () => (isNew ? newId() : decodeURIComponent(params.id ?? '')),
    [isNew, params.id],
  );
  // `null` once read and missing; undefined while reading.
  const stored = useLiveQuery(
    async () => (isNew ? null : ((await db.album.get(id)) ?? null)),
    [db, id, isNew],
  );
  // Read once per album: a later change from elsewhere does not reset what is being typed.
  const initial = useMemo(
    () => (stored === undefined ? null : formValuesOf(stored)),
    [stored === undefined, id],
  );

  const title = isNew ? t('form.newTitle') : t('form.editTitle');
  if (!isNew && stored === null)
    return (
      <div>
        <PageHeader title={title} />
        <p className="card">{t('form.notFound')}</p>
        <Link href="/albums">{t('form.back')}</Link>
      </div>
    );
  if (!initial) return <PageHeader title={title} />;
  return (
    <div>
      <PageHeader title={title} />
      <AlbumForm
        id={id}
        initial={initial}
        isNew={isNew}
        draftKey={isNew ? 'album:new' : `album:${id}`}
        onCancel={() => navigate('/albums')}
        onSubmit={async (values) => {
          const before = stored ?? null;
          await save('album.put', toAlbumArgs(values, id), {
            undo: before
              ? { name: 'album.put', args: albumArgsOf(before) }
              : { name: 'album.del', args: { id } },
          });
          navigate('/albums');
        }}
      />
    </div>
  );
}
