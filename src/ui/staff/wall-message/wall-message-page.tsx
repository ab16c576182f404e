/**
 * Besked til skærmen: write a short message, choose all screens or some, and until when; it shows
 * at once, large, with read-aloud (`wallnotice.put`), and goes by itself at that time. The messages
 * showing now, each with "Fjern nu" (`wallnotice.del`).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Checkbox, CheckboxGroup, Label, Radio, RadioGroup, Text } from 'react-aria-components';
import { useController } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Id, LocalDate, LocalTime, WallNotice } from '../../../domain/model.js';
import { dayOf, localTimeOf, zonedInstant } from '../../../domain/rules/days.js';
import { pictogramUrl } from '../../kiosk/shared/pictogram.js';
import { useOverlaid } from '../../shared/data/overlaid.js';
import { useToday } from '../../shared/data/hooks.js';
import { DateInputField, TimeInputField } from '../forms/date-fields.js';
import { fieldId, SelectField, TextInput } from '../forms/fields.js';
import { StaffForm, useZodForm } from '../forms/form.js';
import { PageHeader } from '../shell/page-header.js';
import { useSave } from '../shell/save.js';
import { useStaff } from '../shell/staff-env.js';
import { langOf, whenWords } from '../today/time.js';
import '../today/operations.css';

const MAX_MS = 7 * 24 * 60 * 60_000;

/** The pictograms a message to the wall is usually about (shipped in assets/pictograms). */
export const NOTICE_PICTOGRAMS = [
  'none',
  'bus',
  'clock',
  'meal',
  'staff',
  'doctor',
  'party',
  'home',
  'walk',
] as const;

export const MessageForm = z.object({
  text: WallNotice.shape.text,
  /** A pictogram name, or `none`. */
  pictogram: z.string(),
  target: z.enum(['all', 'some']),
  kioskIds: z.array(Id),
  date: LocalDate,
  time: LocalTime,
});
type MessageValues = z.infer<typeof MessageForm>;

/** An hour from now, on the quarter: a sensible end for "the bus is late". */
function defaultEnd(now: Date, timeZone: string): { date: string; time: string } {
  const end = new Date(Math.ceil((now.getTime() + 60 * 60_000) / (15 * 60_000)) * 15 * 60_000);
  return { date: dayOf(end, timeZone), time: localTimeOf(end, timeZone) };
}

export function WallMessagePage() {
  const { t, i18n } = useTranslation('staffWallMessage');
  const lang = langOf(i18n.language);
  const { db, clock } = useStaff();
  const save = useSave();
  const { now, timeZone } = useToday(15_000);
  const kiosks = (useLiveQuery(() => db.kiosk.toArray(), [db]) ?? [])
    .filter((k) => !k.revoked)
    .sort((a, b) => a.name.localeCompare(b.name, 'da'));
  const kioskName = new Map(kiosks.map((k) => [k.id, k.name]));
  const notices = (useOverlaid<WallNotice>('wallnotice', { hideDeleted: true }) ?? [])
    .filter((n) => n.until > now.toISOString())
    .sort((a, b) => a.until.localeCompare(b.until));
  const schema = MessageForm.superRefine((v, ctx) => {
    if (v.target === 'some' && v.kioskIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['kioskIds'], message: t('pickOne') });
    const until = zonedInstant(v.date, v.time, timeZone).getTime();
    const at = clock.now().getTime();
    if (until <= at) ctx.addIssue({ code: 'custom', path: ['time'], message: t('mustBeFuture') });
    else if (until - at > MAX_MS)
      ctx.addIssue({ code: 'custom', path: ['date'], message: t('tooFar') });
  });
  const form = useZodForm(schema, {
    defaultValues: {
      text: '',
      pictogram: 'none',
      target: 'all',
      kioskIds: [],
      ...defaultEnd(now, timeZone),
    },
  });
  const values = form.watch();

  return (
    <>
      <PageHeader title={t('title')} />
      <p className="muted">{t('intro')}</p>
      <div className="ops-grid">
        <StaffForm
          form={form}
          label={t('title')}
          submitLabel={t('send')}
          onSubmit={async (v: MessageValues) => {
            const id = crypto.randomUUID();
            await save(
              'wallnotice.put',
              {
                id,
                text: v.text.trim(),
                pictogram: v.pictogram === 'none' ? null : v.pictogram,
                kioskIds: v.target === 'all' ? null : v.kioskIds,
                until: zonedInstant(v.date, v.time, timeZone).toISOString(),
              },
              { undo: { name: 'wallnotice.del', args: { id } } },
            );
            form.reset({ ...form.getValues(), text: '', ...defaultEnd(clock.now(), timeZone) });
          }}
        >
          <TextInput
            control={form.control}
            name="text"
            label={t('text')}
            description={t('textHint')}
            schema={MessageForm}
            multiline
          />
          <SelectField
            control={form.control}
            name="pictogram"
            label={t('pictogram')}
            choices={NOTICE_PICTOGRAMS.map((p) => ({ id: p, label: t(`pictograms.${p}`) }))}
          />
          <TargetField form={form} kiosks={kiosks} />
          <div className="field-row">
            <DateInputField control={form.control} name="date" label={t('untilDate')} />
            <TimeInputField
              control={form.control}
              name="time"
              label={t('untilTime')}
              description={t('untilHint')}
            />
          </div>
        </StaffForm>
        <section aria-labelledby="notice-preview-title">
          <h2 id="notice-preview-title">{t('preview')}</h2>
          <div className="notice-preview" aria-hidden="true">
            <p className="notice-preview-title">
              <img
                src={
                  pictogramUrl(values.pictogram === 'none' ? 'news' : values.pictogram, 'news') ??
                  ''
                }
                alt=""
              />
              {t('previewTitle')}
            </p>
            <p className="notice-preview-text">{values.text || t('textHint')}</p>
          </div>
        </section>
      </div>
      <section className="ops-section" aria-labelledby="notices-now-title">
        <h2 id="notices-now-title">{t('current')}</h2>
        {notices.length === 0 && <p className="card">{t('none')}</p>}
        <ul className="ops-cards">
          {notices.map((n) => (
            <li key={n.id} className="ops-card">
              <p>
                <strong>{n.text}</strong>
              </p>
              <p>{t('shownUntil', { when: whenWords(lang, n.until, timeZone, now) })}</p>
              <p className="muted">
                {n.kioskIds === null
                  ? t('onAll')
                  : t('onSome', {
                      names: n.kioskIds.map((id) => kioskName.get(id) ?? id).join(', '),
                    })}
              </p>
              <div className="ops-card-actions">
                <button
                  type="button"
                  className="button danger"
                  aria-label={t('stopLabel', { text: n.text })}
                  onClick={() =>
                    void save(
                      'wallnotice.del',
                      { id: n.id },
                      { undo: { name: 'wallnotice.put', args: n } },
                    )
                  }
                >
                  {t('stop')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function TargetField({
  form,
  kiosks,
}: {
  form: ReturnType<typeof useZodForm<typeof MessageForm>>;
  kiosks: { id: string; name: string }[];
}) {
  const { t } = useTranslation('staffWallMessage');
  const target = useController({ control: form.control, name: 'target' });
  const chosen = useController({ control: form.control, name: 'kioskIds' });
  return (
    <>
      <RadioGroup
        className="field"
        value={target.field.value}
        onChange={(v) => target.field.onChange(v)}
        id={fieldId('target')}
      >
        <Label>{t('where')}</Label>
        <Radio value="all" className="checkbox ops-radio">
          <span className="checkbox-box" aria-hidden="true" />
          {t('all')}
        </Radio>
        <Radio value="some" className="checkbox ops-radio">
          <span className="checkbox-box" aria-hidden="true" />
          {t('some')}
        </Radio>
      </RadioGroup>
      {target.field.value === 'some' && (
        <CheckboxGroup
          className="field"
          value={chosen.field.value}
          onChange={(v) => chosen.field.onChange(v)}
          isInvalid={chosen.fieldState.invalid}
          id={fieldId('kioskIds')}
        >
          <Label>{t('pickKiosks')}</Label>
          {kiosks.length === 0 && <Text slot="description">{t('noKiosks')}</Text>}
          {kiosks.map((k) => (
            <Checkbox key={k.id} value={k.id} className="checkbox">
              <span className="checkbox-box" aria-hidden="true" />
              {k.name}
            </Checkbox>
          ))}
          {chosen.fieldState.error && (
            <p className="field-error">{chosen.fieldState.error.message}</p>
          )}
        </CheckboxGroup>
      )}
    </>
  );
}
