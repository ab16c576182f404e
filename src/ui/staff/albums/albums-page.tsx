/**
 * Fotoalbum: every album, newest first, with its cover, how many photos, when it was posted and
 * for whom, and "Redigér" / "Slet". Deleting asks first and can be undone from the "Gemt" notice.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Dialog, Heading, Link, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Album, Group } from '../../../domain/model.js';
import { dayOf } from '../../../domain/rules/days.js';
import { dateWords } from '../../../domain/rules/recurrence-words.js';
import { useToday } from '../../shared/data/hooks.js';
import { useOverlaid } from '../../shared/data/overlaid.js';
import { clock, weekdayWord } from '../activities/format.js';
import { PageHeader } from '../shell/page-header.js';
import { useSave } from '../shell/save.js';
import { useStaff } from '../shell/staff-env.js';
import { albumArgsOf } from './album-edit-page.js';
import '../media/media.css';
import './albums.css';

/** A row from the cache, or one only in the outbox (no server fields yet). */
type Row = Omit<Album, 'publishedAt' | 'updatedAt' | 'updatedBy'> &
  Partial<Pick<Album, 'publishedAt' | 'updatedAt' | 'updatedBy'>> & {
    pending: 'put' | 'del' | null;
  };

export function AlbumsPage() {
  const { t, i18n } = useTranslation('staffAlbums');
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const { db } = useStaff();
  const save = useSave();
  const { timeZone } = useToday(60_000);
  const rows = useOverlaid<Album>('album', { hideDeleted: true }) as Row[] | undefined;
  const groups = useLiveQuery(() => db.group.toArray(), [db]) ?? ([] as Group[]);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const [removing, setRemoving] = useState<Row | null>(null);

  const when = (instant: string) =>
    `${weekdayWord(dayOf(instant, timeZone), lang)} ${dateWords(lang, dayOf(instant, timeZone))} ${clock(instant, timeZone)}`;
  // Newest first; one not yet on the server (no publishedAt) is the newest.
  const sorted = [...(rows ?? [])].sort((a, b) =>
    (b.publishedAt ?? '\uffff').localeCompare(a.publishedAt ?? '\uffff'),
  );

  const remove = async (row: Row) => {
    setRemoving(null);
    const undo = row.publishedAt ? albumArgsOf(row as Album) : null;
    await save(
      'album.del',
      { id: row.id },
      undo ? { undo: { name: 'album.put', args: undo } } : {},
    );
  };

  return (
    <div className="albums-admin">
      <PageHeader
        title={t('title')}
        actions={
          <Link className="button primary" href="/albums/new">
            {t('newAlbum')}
          </Link>
        }
      />
      <p className="muted">{t('intro')}</p>
      {rows === undefined ? (
        <p className="muted">{t('loading')}</p>
      ) : sorted.length === 0 ? (
        <p className="card">{t('none')}</p>
      ) : (
        <ul className="albums-rows">
          {sorted.map((a) => (
            <li key={a.id} className="albums-row">
              {a.photos[0] && (
                <img className="albums-cover" src={`/media/${a.photos[0].hash}`} alt="" />
              )}
              <span className="albums-row-main">
                <strong>{a.title}</strong>
                <span className="muted">
                  {t('row.photos', { count: a.photos.length })}
                  {a.publishedAt ? ` · ${t('row.publishedAt', { when: when(a.publishedAt) })}` : ''}
                </span>
                <span className="badges">
                  <span className="badge">
                    {a.audience.kind === 'all'
                      ? t('row.forAll')
                      : t('row.forGroups', {
                          groups: a.audience.groupIds.map((g) => groupName.get(g) ?? g).join(', '),
                        })}
                  </span>
                  {a.pending && <span className="badge warn">{t('row.sending')}</span>}
                </span>
              </span>
              <span className="albums-row-actions">
                {/* Named with the visible word first (WCAG 2.5.3), then which album. */}
                <Link
                  className="button"
                  href={`/albums/${encodeURIComponent(a.id)}`}
                  aria-label={t('row.editNamed', { title: a.title })}
                >
                  {t('row.edit')}
                </Link>
                <button
                  type="button"
                  className="button danger"
                  aria-label={t('row.removeNamed', { title: a.title })}
                  onClick={() => setRemoving(a)}
                >
                  {t('row.remove')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <ModalOverlay
        className="modal-overlay"
        isOpen={removing !== null}
        isDismissable
        onOpenChange={(open) => !open && setRemoving(null)}
      >
        <Modal className="modal">
          <Dialog role="alertdialog" aria-labelledby="album-remove-title">
            <Heading slot="title" id="album-remove-title">
              {t('confirm.title')}
            </Heading>
            <p>{t('confirm.text', { title: removing?.title ?? '' })}</p>
            <div className="form-actions">
              <button
                type="button"
                className="button danger"
                onClick={() => removing && void remove(removing)}
              >
                {t('confirm.yes')}
              </button>
              <button type="button" className="button" autoFocus onClick={() => setRemoving(null)}>
                {t('confirm.no')}
              </button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </div>
  );
}
