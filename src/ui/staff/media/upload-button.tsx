/**
 * "Vælg foto eller video": React Aria's FileTrigger (the browser's own file picker, keyboard
 * reachable), the upload's progress as a labelled progress bar, and a refusal in plain Danish
 * beside the button (role=alert). The server's answer (hash, kind, size, poster) goes to
 * `onUploaded`; nothing is saved until the page's form is.
 */
import { useRef, useState } from 'react';
import { Button, FileTrigger, Label, ProgressBar } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  precheck,
  uploadMedia,
  UploadError,
  type UploadedMedia,
  type UploadProblem,
} from './upload.js';
import './media.css';

interface Props {
  accept: 'image' | 'media';
  /** The button's words (defaults: "Vælg et foto" / "Vælg foto eller video"). */
  label?: string;
  id?: string;
  onUploaded: (media: UploadedMedia) => void;
  /** For tests: the upload itself. */
  upload?: typeof uploadMedia;
}

const TYPES = {
  image: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'],
  media: [
    'image/jpeg',
    'image/png',
    'image/webp',
    'image/gif',
    'image/avif',
    'video/mp4',
    'video/webm',
    'video/quicktime',
  ],
};

export function UploadButton({ accept, label, id, onUploaded, upload = uploadMedia }: Props) {
  const { t } = useTranslation('staffMedia');
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<UploadProblem | null>(null);
  const busy = useRef(false);

  const send = async (file: File) => {
    if (busy.current) return;
    const early = precheck(file, accept);
    if (early) return setProblem(early);
    busy.current = true;
    setProblem(null);
    setProgress(0);
    try {
      onUploaded(await upload(file, setProgress));
    } catch (err) {
      setProblem(err instanceof UploadError ? err.problem : 'failed');
    } finally {
      busy.current = false;
      setProgress(null);
    }
  };

  return (
    <div className="upload">
      <FileTrigger
        acceptedFileTypes={TYPES[accept]}
        onSelect={(files) => {
          const file = files?.[0];
          if (file) void send(file);
        }}
      >
        <Button className="button" {...(id ? { id } : {})} isDisabled={progress !== null}>
          {label ?? t(accept === 'image' ? 'choosePhoto' : 'chooseMedia')}
        </Button>
      </FileTrigger>
      <p className="field-help">{t(accept === 'image' ? 'rulesPhoto' : 'rulesMedia')}</p>
      {progress !== null && (
        <ProgressBar className="upload-progress" value={Math.round(progress * 100)}>
          {({ percentage }) => (
            <>
              <Label>
                {progress < 1
                  ? t('uploading', { percent: Math.round(percentage ?? 0) })
                  : t('processing')}
              </Label>
              <div className="bar">
                <div className="fill" style={{ width: `${percentage ?? 0}%` }} />
              </div>
            </>
          )}
        </ProgressBar>
      )}
      {problem && (
        <p className="upload-problem" role="alert">
          {t(`problem.${problem}`)}
        </p>
      )}
    </div>
  );
}
