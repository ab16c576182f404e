/**
 * A staff member's photo for the roster: chosen from the phone's or PC's files, sent to
 * `POST /api/media` (the server checks the bytes, shrinks it and strips EXIF/GPS), kept as its
 * hash. The form field holds the hash or null.
 */
import { useRef, useState } from 'react';
import { FileTrigger, Button } from 'react-aria-components';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldId } from '../forms/fields.js';
import { precheck, uploadMedia, UploadError, type UploadProblem } from '../media/upload.js';

export function PhotoField<T extends FieldValues>({
  control,
  name,
  label,
}: {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
}) {
  const { t } = useTranslation('staffRoster');
  const { field } = useController({ control, name });
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<UploadProblem | null>(null);
  const abort = useRef<AbortController | null>(null);
  const hash = (field.value as string | null) ?? null;
  const id = fieldId(name);

  const send = async (file: File) => {
    setProblem(null);
    const early = precheck(file, 'image');
    if (early) return setProblem(early);
    abort.current = new AbortController();
    setProgress(0);
    try {
      const up = await uploadMedia(file, setProgress, abort.current.signal);
      if (up.kind !== 'image') setProblem('wrong_type');
      else field.onChange(up.hash);
    } catch (err) {
      setProblem(err instanceof UploadError ? err.problem : 'failed');
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="field">
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      <p className="field-help">{t('photo.rules')}</p>
      <div className="photo-row">
        {hash ? (
          <img className="staff-photo" src={`/media/${hash}`} alt="" />
        ) : (
          <span className="muted">{t('photo.none')}</span>
        )}
        <FileTrigger
          acceptedFileTypes={['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']}
          onSelect={(files) => {
            const file = files?.[0];
            if (file) void send(file);
          }}
        >
          <Button id={id} className="button" aria-describedby={`${id}-label`}>
            {hash ? t('photo.replace') : t('photo.choose')}
          </Button>
        </FileTrigger>
        {hash && (
          <button type="button" className="link-button" onClick={() => field.onChange(null)}>
            {t('photo.remove')}
          </button>
        )}
      </div>
      {progress !== null && (
        <p role="status">{t('photo.uploading', { percent: Math.round(progress * 100) })}</p>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {t(`photo.problem.${problem}`)}
        </p>
      )}
    </div>
  );
}
