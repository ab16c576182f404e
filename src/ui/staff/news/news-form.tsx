/**
 * The news form: headline and text, photos and videos (uploaded at once, with progress; a video
 * can be marked as sign language), when it is shown and taken down (day and time in the
 * centre's zone), for whom (all screens or some groups), and beside it the post exactly as the
 * wall will show it. Validated by the protocol's `News` rules (form-model.ts); a draft survives
 * an interruption.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useController, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { News } from '../../../domain/model.js';
import { CheckboxGroupField, RadioField } from '../forms/choice-fields.js';
import { DateInputField, TimeInputField } from '../forms/date-fields.js';
import { CheckboxField, FieldGroup, TextInput } from '../forms/fields.js';
import { StaffForm, useZodForm } from '../forms/form.js';
import { UploadButton } from '../media/upload-button.js';
import { useStaff } from '../shell/staff-env.js';
import { newsFormSchema, toNewsArgs, type NewsFormValues } from './form-model.js';
import { NewsPreview } from './news-preview.js';
import './news.css';

interface Props {
  id: string;
  initial: NewsFormValues;
  isNew: boolean;
  draftKey: string;
  timeZone: string;
  today: string;
  onSubmit: (values: NewsFormValues) => Promise<void> | void;
  onCancel: () => void;
}

type MediaItem = NewsFormValues['media'][number];

export function NewsForm(p: Props) {
  const { t } = useTranslation('staffNews');
  const { db } = useStaff();
  const schema = useMemo(
    () =>
      newsFormSchema(
        {
          expiryBefore: t('form.expiryBefore'),
          expiryMissing: t('form.expiryMissing'),
          chooseGroup: t('form.chooseGroup'),
        },
        p.timeZone,
      ),
    [t, p.timeZone],
  );
  const form = useZodForm(schema, { defaultValues: p.initial, draftKey: p.draftKey });
  const values = useWatch({ control: form.control }) as NewsFormValues;
  const groups = useLiveQuery(() => db.group.toArray(), [db]) ?? [];
  const media = useController({ control: form.control, name: 'media' });
  const items = (media.field.value ?? []) as MediaItem[];
  const setItems = (next: MediaItem[]) => media.field.onChange(next);

  // The preview follows what is typed, even before the form is valid (a half-typed time keeps
  // the day it had).
  let preview: News | null = null;
  if (values.title?.trim()) {
    try {
      preview = toNewsArgs({ ...p.initial, ...values, expires: false }, p.id, p.timeZone);
    } catch {
      preview = null;
    }
  }

  return (
    <div className="news-edit">
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
        <TextInput control={form.control} name="title" label={t('form.headline')} schema={schema} />
        <TextInput
          control={form.control}
          name="body"
          label={t('form.body')}
          description={t('form.bodyHelp')}
          schema={schema}
          multiline
        />
        <FieldGroup legend={t('form.media')}>
          {items.length === 0 ? (
            <p className="muted">{t('form.mediaNone')}</p>
          ) : (
            <ul className="media-list">
              {items.map((m, i) => (
                <li key={m.hash} className="media-item">
                  {m.kind === 'image' || m.poster ? (
                    <img src={`/media/${m.kind === 'image' ? m.hash : (m.poster ?? '')}`} alt="" />
                  ) : (
                    <span className="media-kind" aria-hidden="true">
                      ▶
                    </span>
                  )}
                  <span className="media-what">
                    {t(`row.${m.kind === 'image' ? 'photo' : 'video'}`)}
                  </span>
                  {m.kind === 'video' && (
                    <label className="inline-check">
                      <input
                        type="checkbox"
                        checked={m.signLanguage}
                        onChange={(e) =>
                          setItems(
                            items.map((o, j) =>
                              j === i ? { ...o, signLanguage: e.target.checked } : o,
                            ),
                          )
                        }
                      />
                      {t('form.signLanguage')}
                    </label>
                  )}
                  <button
                    type="button"
                    className="button"
                    aria-label={t('form.removeNamed', {
                      what: t(`row.${m.kind === 'image' ? 'photo' : 'video'}`).toLowerCase(),
                      n: i + 1,
                    })}
                    onClick={() => setItems(items.filter((_, j) => j !== i))}
                  >
                    {t('form.removeMedia')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {items.length < 10 ? (
            <UploadButton
              accept="media"
              id="field-media"
              onUploaded={(u) =>
                setItems([
                  ...items.filter((o) => o.hash !== u.hash),
                  {
                    hash: u.hash,
                    kind: u.kind,
                    signLanguage: false,
                    ...(u.posterHash ? { poster: u.posterHash } : {}),
                  },
                ])
              }
            />
          ) : (
            <p className="muted">{t('form.tooMany')}</p>
          )}
        </FieldGroup>
        <FieldGroup legend={t('form.when')}>
          <div className="field-row">
            <DateInputField
              control={form.control}
              name="publishDate"
              label={t('form.publishDate')}
            />
            <TimeInputField
              control={form.control}
              name="publishTime"
              label={t('form.publishTime')}
            />
          </div>
          <CheckboxField control={form.control} name="expires" label={t('form.expires')} />
          {values.expires && (
            <div className="field-row">
              <DateInputField
                control={form.control}
                name="expiryDate"
                label={t('form.expiryDate')}
              />
              <TimeInputField
                control={form.control}
                name="expiryTime"
                label={t('form.expiryTime')}
              />
            </div>
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
      </StaffForm>
      <NewsPreview news={preview} today={p.today} timeZone={p.timeZone} />
    </div>
  );
}
