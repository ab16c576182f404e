/**
 * "Vælg fotos": several photos at once for an album. The browser's own file picker (React Aria's
 * FileTrigger, keyboard reachable), then each file through the same `POST /api/media` as the news
 * and meal pages (media/upload.ts: the server reads the type from the bytes, scales the photo and
 * strips its metadata), one after the other with "Sender foto 2 af 5" and a progress bar. A file
 * that is refused is named with the reason in plain Danish; the others are added all the same.
 */
import { useRef, useState } from 'react';
import { Button, FileTrigger, Label, ProgressBar } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { precheck, uploadMedia, UploadError, type UploadProblem } from '../media/upload.js';
import '../media/media.css';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'];

interface Props {
  id?: string;
  /** How many more photos the album takes. */
  room: number;
  onUploaded: (hash: string) => void;
}

interface Failure {
  name: string;
  problem: UploadProblem;
}

export function PhotoUpload({ id, room, onUploaded }: Props) {
  const { t } = useTranslation('staffAlbums');
  const { t: m } = useTranslation('staffMedia');
  const [progress, setProgress] = useState<{ n: number; count: number; part: number } | null>(null);
  const [failed, setFailed] = useState<Failure[]>([]);
  const busy = useRef(false);

  const send = async (files: File[]) => {
    if (busy.current || files.length === 0) return;
    busy.current = true;
    setFailed([]);
    const out: Failure[] = [];
    const chosen = files.slice(0, room);
    for (const [i, file] of chosen.entries()) {
      setProgress({ n: i + 1, count: chosen.length, part: 0 });
      const early = precheck(file, 'image');
      if (early) {
        out.push({ name: file.name, problem: early });
        continue;
      }
      try {
        const uploaded = await uploadMedia(file, (part) =>
          setProgress({ n: i + 1, count: chosen.length, part }),
        );
        if (uploaded.kind === 'image') onUploaded(uploaded.hash);
        else out.push({ name: file.name, problem: 'wrong_type' });
      } catch (err) {
        out.push({ name: file.name, problem: err instanceof UploadError ? err.problem : 'failed' });
      }
    }
    busy.current = false;
    setProgress(null);
    setFailed(out);
  };

  return (
    <div className="upload">
      <FileTrigger
        acceptedFileTypes={IMAGE_TYPES}
        allowsMultiple
        onSelect={(list) => void send(list ? Array.from(list) : [])}
      >
        <Button className="button" {...(id ? { id } : {})} isDisabled={progress !== null}>
          {t('form.choosePhotos')}
        </Button>
      </FileTrigger>
      <p className="field-help">{m('rulesPhoto')}</p>
      {progress !== null && (
        <ProgressBar
          className="upload-progress"
          value={Math.round(((progress.n - 1 + progress.part) / progress.count) * 100)}
        >
          {({ percentage }) => (
            <>
              <Label>{t('form.uploading', { n: progress.n, count: progress.count })}</Label>
              <div className="bar">
                <div className="fill" style={{ width: `${percentage ?? 0}%` }} />
              </div>
            </>
          )}
        </ProgressBar>
      )}
      {failed.length > 0 && (
        <div className="upload-problem" role="alert">
          <p>{t('form.someFailed', { count: failed.length })}</p>
          <ul>
            {failed.map((f, i) => (
              <li key={`${f.name}-${i}`}>
                {f.name}: {m(`problem.${f.problem}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
