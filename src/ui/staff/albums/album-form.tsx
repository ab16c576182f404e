/**
 * The album form: a title, several photos uploaded at once (each with a caption, moved up or
 * down, removed; the first is the cover), for whom (all screens or some groups), and the tick
 * "Alle på billederne har givet samtykke til at blive vist", without which nothing is posted.
 * Beside it the album exactly as the wall will show it (the kiosk's own PhotoViewer, paged with
 * its own buttons). Validated by the protocol's `Album` rules (form-model.ts); a draft survives
 * an interruption.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useFieldArray, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ALBUM_MAX_PHOTOS } from '../../../domain/model.js';
import { PhotoViewer } from '../../kiosk/photos/photo-viewer.js';
import photosCss from '../../kiosk/photos/photos.css?inline';
import { CheckboxGroupField, RadioField } from '../forms/choice-fields.js';
import { CheckboxField, FieldGroup, fieldId, TextInput } from '../forms/fields.js';
import { StaffForm, useZodForm } from '../forms/form.js';
import { KioskSurface } from '../shell/kiosk-surface.js';
import { useStaff } from '../shell/staff-env.js';
import { albumFormSchema, previewOf, type AlbumFormValues } from './form-model.js';
import { PhotoUpload } from './photo-upload.js';
import './albums.css';

/**
 * The preview column is narrow whatever the window's orientation: always the portrait layout
 * (photo above, buttons under it), at a size that fits beside the form.
 */
const PREVIEW_CSS = `
.photo-viewer { display: flex; flex-direction: column; }
.photo-buttons { grid-template-columns: 1fr 1fr; }
.photo-big { height: auto; aspect-ratio: 4 / 3; }
`;
const CSS = [photosCss, PREVIEW_CSS];

interface Props {
  id: string;
  initial: AlbumFormValues;
  isNew: boolean;
  draftKey: string;
  onSubmit: (values: AlbumFormValues) => Promise<void> | void;
  onCancel: () => void;
}

export function AlbumForm(p: Props) {
  const { t } = useTranslation('staffAlbums');
  const { db, clock } = useStaff();
  const schema = useMemo(
    () =>
      albumFormSchema({
        noPhotos: t('form.noPhotos'),
        tooManyPhotos: t('form.tooManyPhotos'),
        chooseGroup: t('form.chooseGroup'),
        consent: t('form.consentMissing'),
      }),
    [t],
  );
  const form = useZodForm(schema, { defaultValues: p.initial, draftKey: p.draftKey });
  const values = useWatch({ control: form.control }) as AlbumFormValues;
  const groups = useLiveQuery(() => db.group.toArray(), [db]) ?? [];
  const photos = useFieldArray({ control: form.control, name: 'photos' });
  const [shown, setShown] = useState(0);
  const photosError =
    form.formState.errors.photos?.root?.message ?? form.formState.errors.photos?.message;

  const preview = previewOf(
    { ...p.initial, ...values, photos: values.photos ?? [] },
    p.id,
    clock.now(),
  );

  return (
    <div className="albums-edit">
      <StaffForm
        form={form}
        label={t('form.label')}
        draftKey={p.draftKey}
        submitLabel={p.isNew ? t('form.publish') : t('form.save')}
        onSubmit={p.onSubmit}
        actions={
          <button type="button" className="button" onClick={p.onCancel}>
            {t('form.cancel')}
          </button>
        }
      >
        <TextInput
          control={form.control}
          name="title"
          label={t('form.albumTitle')}
          schema={schema}
        />
        <FieldGroup legend={t('form.photos')}>
          <p className="field-help">{t('form.photosHelp')}</p>
          {photos.fields.length === 0 ? (
            <p className="muted">{t('form.noPhotosYet')}</p>
          ) : (
            <ol className="albums-photos">
              {photos.fields.map((ph, i) => (
                <li key={ph.id} className="albums-photo">
                  <img src={`/media/${ph.hash}`} alt={t('form.photoN', { n: i + 1 })} />
                  <div className="albums-photo-text">
                    <TextInput
                      control={form.control}
                      name={`photos.${i}.caption`}
                      label={t('form.caption', { n: i + 1 })}
                      description={t('form.captionHelp')}
                    />
                  </div>
                  <div className="albums-photo-actions">
                    <button
                      type="button"
                      className="button"
                      disabled={i === 0}
                      aria-label={t('form.moveUpNamed', { n: i + 1 })}
                      onClick={() => photos.move(i, i - 1)}
                    >
                      {t('form.moveUp')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      disabled={i === photos.fields.length - 1}
                      aria-label={t('form.moveDownNamed', { n: i + 1 })}
                      onClick={() => photos.move(i, i + 1)}
                    >
                      {t('form.moveDown')}
                    </button>
                    <button
                      type="button"
                      className="button danger"
                      aria-label={t('form.removePhotoNamed', { n: i + 1 })}
                      onClick={() => photos.remove(i)}
                    >
                      {t('form.removePhoto')}
                    </button>
                  </div>
                </li>
              ))}
            </ol>
          )}
          {photos.fields.length < ALBUM_MAX_PHOTOS ? (
            <PhotoUpload
              id={fieldId('photos')}
              room={ALBUM_MAX_PHOTOS - photos.fields.length}
              onUploaded={(hash) => {
                // The same photo chosen twice is in the album once.
                if (form.getValues('photos').some((x) => x.hash === hash)) return;
                photos.append({ hash, caption: '' }, { shouldFocus: false });
              }}
            />
          ) : (
            <p className="muted">{t('form.full')}</p>
          )}
          {photosError && (
            <p className="field-error" slot="errorMessage">
              {photosError}
            </p>
          )}
        </FieldGroup>
        <div className="field-group">
          <RadioField
            control={form.control}
            name="audienceKind"
            label={t('form.audience')}
            choices={[
              { id: 'all', label: t('form.all') },
              { id: 'groups', label: t('form.groups') },
            ]}
          />
          {values.audienceKind === 'groups' && (
            <CheckboxGroupField
              control={form.control}
              name="groupIds"
              label={t('form.chooseGroups')}
              choices={groups.map((g) => ({ id: g.id, label: g.name }))}
            />
          )}
        </div>
        <div className="albums-consent">
          <CheckboxField
            control={form.control}
            name="consentConfirmed"
            label={t('form.consent')}
            description={t('form.consentHelp')}
          />
        </div>
      </StaffForm>
      <figure className="kiosk-preview" aria-label={t('form.preview')}>
        <figcaption>{t('form.preview')}</figcaption>
        {preview ? (
          <KioskSurface css={CSS}>
            <PhotoViewer album={preview} index={shown} onIndex={setShown} />
          </KioskSurface>
        ) : (
          <p className="muted">{t('form.previewEmpty')}</p>
        )}
      </figure>
    </div>
  );
}
