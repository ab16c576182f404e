/**
 * A news video: the browser's own controls, plus one BIG "Afspil" / "Pause" button with a word,
 * because the native controls are small for shaky hands. It never starts by itself (no autoplay,
 * only the metadata is fetched), and a sign-language video carries a visible "Tegnsprog" label
 * with its pictogram, so a deaf resident finds it without reading the text.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pictogram } from '../shared/pictogram.js';

interface Props {
  hash: string;
  /** The still shown before it plays, if the server could take one. */
  poster?: string | null | undefined;
  signLanguage: boolean;
  /** The news title, naming the video for a screen reader. */
  title: string;
}

export function SignLanguageLabel() {
  const { t } = useTranslation('news');
  return (
    <p className="badge sign-language">
      <Pictogram name="sign-language" fallback="video" />
      <span>{t('signLanguage')}</span>
    </p>
  );
}

export function VideoPlayer({ hash, poster, signLanguage, title }: Props) {
  const { t } = useTranslation('news');
  const ref = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);
  const toggle = () => {
    const video = ref.current;
    if (!video) return;
    if (playing) {
      video.pause();
      setPlaying(false);
      return;
    }
    setPlaying(true);
    // A refused play (no media yet, offline) leaves the button saying "Afspil" again.
    void Promise.resolve(video.play()).catch(() => setPlaying(false));
  };
  return (
    <figure className="news-video">
      {signLanguage && <SignLanguageLabel />}
      <video
        ref={ref}
        controls
        preload="metadata"
        playsInline
        src={`/media/${hash}`}
        {...(poster ? { poster: `/media/${poster}` } : {})}
        aria-label={t('video', { title })}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
      />
      <button type="button" className="primary big video-toggle" onClick={toggle}>
        <span className={playing ? 'video-icon pause' : 'video-icon play'} aria-hidden="true" />
        <span>{playing ? t('pause') : t('play')}</span>
      </button>
    </figure>
  );
}
