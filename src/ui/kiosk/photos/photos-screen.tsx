/**
 * Photos ("Billeder"): the albums staff posted for this screen's houses, newest first, each a
 * big card with its first photo; tapping one shows its photos one at a time (photo-viewer.tsx),
 * with "Forrige" / "Næste" and "Alle fotoalbum" back. Nothing turns by itself. The kiosk only
 * receives albums whose audience reaches it, and their photos only because it may see them.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newestFirst } from '../../../domain/rules/albums.js';
import { dayOf } from '../../../domain/rules/days.js';
import { useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { ItemCard } from '../shared/item-card.js';
import { Pager } from '../shared/pager.js';
import { Pictogram } from '../shared/pictogram.js';
import { sentences } from '../shared/read-aloud.js';
import { capitalise, dateInWords } from '../time/format.js';
import { PhotoViewer } from './photo-viewer.js';
import './photos.css';

export function PhotosScreen() {
  const { t } = useTranslation('photos');
  const { t: c } = useTranslation();
  const { db, settings } = useEnv();
  const { today, timeZone } = useToday();
  const albums = useLiveQuery(async () => newestFirst(await db.album.toArray()), [db]);
  const [open, setOpen] = useState<{ id: string; index: number } | null>(null);

  const dayWord = (publishedAt: string) => {
    const d = dayOf(publishedAt, timeZone);
    return d === today ? c('today') : capitalise(dateInWords(d, settings.lang));
  };

  // An album taken down while open closes; the list is shown again.
  const current = open ? albums?.find((a) => a.id === open.id) : undefined;
  if (open && current)
    return (
      <div className="photos-screen">
        <h1 className="visually-hidden">{t('title')}</h1>
        <PhotoViewer
          album={current}
          index={Math.min(open.index, current.photos.length - 1)}
          onIndex={(index) => setOpen({ id: current.id, index })}
          onBack={() => setOpen(null)}
        />
      </div>
    );

  return (
    <div className="photos-screen">
      <h1 className="screen-title">
        <Pictogram name="photos" fallback="news" />
        <span>{t('title')}</span>
      </h1>
      {albums === undefined ? (
        <p className="help">{c('loading')}</p>
      ) : albums.length === 0 ? (
        <p className="empty">{t('empty')}</p>
      ) : (
        // One screen-full of albums at a time (pager.tsx), never a scroll area.
        <Pager
          listClassName="list album-list"
          label={t('albumsLabel')}
          items={albums.map((a) => {
            const count = t('count', { count: a.photos.length });
            const when = `${dayWord(a.publishedAt)} · ${count}`;
            const first = a.photos[0];
            return {
              key: a.id,
              node: (
                <ItemCard
                  className="album-card"
                  pictogram="photos"
                  fallback="news"
                  headingLevel={2}
                  title={a.title}
                  when={when}
                  speech={sentences(a.title, dayWord(a.publishedAt), count)}
                >
                  <button
                    type="button"
                    className="album-open"
                    aria-label={`${t('open')}: ${a.title}`}
                    onClick={() => setOpen({ id: a.id, index: 0 })}
                  >
                    {first && (
                      <img
                        className="album-cover"
                        src={`/media/${first.hash}`}
                        alt=""
                        draggable={false}
                      />
                    )}
                    <span className="album-open-word">
                      <Pictogram name="photos" fallback="news" />
                      <span>{t('open')}</span>
                    </span>
                  </button>
                </ItemCard>
              ),
            };
          })}
        />
      )}
    </div>
  );
}
