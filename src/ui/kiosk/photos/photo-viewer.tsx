/**
 * One photo of an album, big, with its caption, "Billede 2 af 7" and large "Forrige" / "Næste"
 * buttons low on the screen. It never changes by itself (no slideshow, KIOSK-UX "Predictability
 * and calm"); a tap is the only way to the next photo, and there is no swiping to learn. The
 * read-aloud button says the album, where in it you are and the caption. Exported for the staff
 * admin's preview, which renders exactly this.
 */
import { useTranslation } from 'react-i18next';
import type { Album } from '../../../domain/model.js';
import { Pictogram } from '../shared/pictogram.js';
import { ReadAloud, sentences } from '../shared/read-aloud.js';
import './photos.css';

interface Props {
  album: Album;
  /** 0-based, kept in range by the caller. */
  index: number;
  onIndex: (index: number) => void;
  /** "Alle fotoalbum": absent in the staff preview of one album. */
  onBack?: () => void;
}

export function PhotoViewer({ album, index, onIndex, onBack }: Props) {
  const { t } = useTranslation('photos');
  const count = album.photos.length;
  const at = Math.min(Math.max(index, 0), count - 1);
  const photo = album.photos[at];
  if (!photo) return null;
  const position = t('position', { n: at + 1, count });
  const caption = photo.caption?.trim() ?? '';
  const speech = sentences(album.title, position, caption);
  return (
    <article className="photo-viewer" aria-labelledby="photo-viewer-title">
      <div className="photo-viewer-head">
        <div className="photo-viewer-title">
          <h2 id="photo-viewer-title">{album.title}</h2>
          {/* Announced when it changes, so a screen reader hears where it is after a tap. */}
          <p className="photo-position" aria-live="polite">
            {position}
          </p>
        </div>
        <ReadAloud text={speech} what={caption || position} />
      </div>
      <figure className="photo-figure">
        <img
          key={photo.hash}
          className="photo-big"
          src={`/media/${photo.hash}`}
          alt={caption || t('photoAlt', { n: at + 1, count, title: album.title })}
          draggable={false}
        />
        {caption && <figcaption className="photo-caption">{caption}</figcaption>}
      </figure>
      <div className="photo-buttons">
        <button
          type="button"
          className="secondary big"
          disabled={at === 0}
          onClick={() => onIndex(at - 1)}
        >
          <span className="photo-arrow" aria-hidden="true">
            ←
          </span>
          <span>{t('previous')}</span>
        </button>
        <button
          type="button"
          className="primary big"
          disabled={at === count - 1}
          onClick={() => onIndex(at + 1)}
        >
          <span>{t('next')}</span>
          <span className="photo-arrow" aria-hidden="true">
            →
          </span>
        </button>
      </div>
      {onBack && (
        <button type="button" className="secondary big photo-back" onClick={onBack}>
          <Pictogram name="photos" fallback="news" />
          <span>{t('back')}</span>
        </button>
      )}
    </article>
  );
}
