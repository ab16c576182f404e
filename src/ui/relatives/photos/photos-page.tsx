/**
 * Billeder for the shown resident: the albums staff posted for everyone or for the resident's
 * groups (the server sends a relative only albums of their residents' groups; with several
 * residents the page keeps the shown one's, by the same rule), newest first, each a card with its
 * cover, title, date and count. Tapping one opens it (album-page.tsx).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import { Link } from 'wouter';
import type { Album } from '../../../domain/model.js';
import { albumsFor } from '../../../domain/rules/albums.js';
import { dayOf } from '../../../domain/rules/days.js';
import { useToday } from '../../shared/data/hooks.js';
import { useFamily } from '../shell/family-env.js';
import { capitalise, dayNear } from '../shell/format.js';
import { useLang, useWords } from '../shell/lang.js';
import { useShownResident } from '../shell/resident.js';
import { fill } from '../words.js';
import { photosWords } from './words.js';
import './photos.css';

/** "1 billede" / "7 billeder". */
export const countWords = (w: typeof photosWords.da, count: number): string =>
  count === 1 ? w.count_one : fill(w.count_other, { count: String(count) });

export function PhotosPage() {
  const w = useWords(photosWords);
  const { db } = useFamily();
  const resident = useShownResident();
  const list = useLiveQuery(
    async () => albumsFor(await db.album.toArray(), resident.groupIds),
    [db, resident.groupIds.join(',')],
  );
  return (
    <>
      <h1>{w.title}</h1>
      <p>{fill(w.intro, { name: resident.displayName })}</p>
      {list === undefined ? null : list.length === 0 ? (
        <p className="family-empty">{w.empty}</p>
      ) : (
        <ul className="family-photos-list">
          {list.map((a) => (
            <li key={a.id}>
              <AlbumCard album={a} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function AlbumCard({ album }: { album: Album }) {
  const w = useWords(photosWords);
  const lang = useLang();
  const { today, timeZone } = useToday(60_000);
  const id = useId();
  const cover = album.photos[0];
  const when = dayNear(dayOf(album.publishedAt, timeZone), today, lang);
  return (
    <article className="family-card family-photos-album" aria-labelledby={id}>
      {cover && (
        // The title is beside it; the photos' own texts are shown when the album is opened.
        <img className="family-photos-cover" src={`/media/${cover.hash}`} alt="" />
      )}
      <h2 id={id}>{album.title}</h2>
      <p className="family-meta">
        <time dateTime={album.publishedAt}>{capitalise(fill(w.posted, { when }))}</time> ·{' '}
        {countWords(w, album.photos.length)}
      </p>
      <Link
        href={`/photos/${encodeURIComponent(album.id)}`}
        className="family-button"
        aria-label={`${w.open}: ${album.title}`}
      >
        {w.open}
      </Link>
    </article>
  );
}
