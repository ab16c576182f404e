/**
 * One album, one photo at a time on the phone: the photo as wide as the screen, its caption (also
 * its alt text; without one, "Billede 2 af 7 fra <album>"), "Billede 2 af 7", and big "Forrige" /
 * "Næste" buttons that stop at the ends. Nothing turns by itself. An album the shown resident is
 * not in the audience of (or one taken down) is "no longer there", whatever the address says.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { albumsFor } from '../../../domain/rules/albums.js';
import { useFamily } from '../shell/family-env.js';
import { useWords } from '../shell/lang.js';
import { useShownResident } from '../shell/resident.js';
import { fill } from '../words.js';
import { photosWords } from './words.js';
import './photos.css';

export function AlbumPage() {
  const w = useWords(photosWords);
  const params = useParams<{ id: string }>();
  const id = decodeURIComponent(params.id ?? '');
  const { db } = useFamily();
  const resident = useShownResident();
  // `null` once read and not for this resident; undefined while reading.
  const album = useLiveQuery(async () => {
    const found = await db.album.get(id);
    return (found && albumsFor([found], resident.groupIds)[0]) ?? null;
  }, [db, id, resident.groupIds.join(',')]);
  const [index, setIndex] = useState(0);

  const back = (
    <Link href="/photos" className="family-button family-button-quiet family-photos-back">
      {w.back}
    </Link>
  );
  if (album === undefined) return null;
  if (album === null)
    return (
      <>
        <h1>{w.title}</h1>
        <p className="family-empty">{w.notFound}</p>
        {back}
      </>
    );

  const count = album.photos.length;
  const at = Math.min(index, count - 1);
  const photo = album.photos[at];
  if (!photo) return null;
  const n = String(at + 1);
  const position = fill(w.position, { n, count: String(count) });
  const caption = photo.caption?.trim() ?? '';
  return (
    <>
      <h1>{album.title}</h1>
      <figure className="family-photos-figure">
        <img
          key={photo.hash}
          className="family-photos-big"
          src={`/media/${photo.hash}`}
          alt={caption || fill(w.photoAlt, { n, count: String(count), title: album.title })}
        />
        <figcaption>
          {/* Announced after a tap, so a screen reader hears where it is. */}
          <p className="family-photos-position" aria-live="polite">
            {position}
          </p>
          {caption && <p className="family-photos-caption">{caption}</p>}
        </figcaption>
      </figure>
      <div className="family-photos-buttons">
        <button
          type="button"
          className="family-button family-button-quiet"
          disabled={at === 0}
          onClick={() => setIndex(at - 1)}
        >
          <span aria-hidden="true">←&nbsp;</span>
          {w.previous}
        </button>
        <button
          type="button"
          className="family-button"
          disabled={at === count - 1}
          onClick={() => setIndex(at + 1)}
        >
          {w.next}
          <span aria-hidden="true">&nbsp;→</span>
        </button>
      </div>
      {back}
    </>
  );
}
