/**
 * The activity form: what (title, description, place, pictogram), when (day, start, end), how
 * it repeats (with the rule said in words as it is drawn), sign-up (places, waiting list,
 * deadline), for whom (everyone or groups), and the kiosk card as residents will see it.
 * Validated by the protocol's schemas (form-model.ts); a draft survives an interruption.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { signUpsOfActivities } from '../../../client/index.js';
import { useEffect, useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Activity, Resident, SignUp } from '../../../domain/model.js';
import { addDaysToDate, weekdayOf } from '../../../domain/rules/days.js';
import { describeRecurrence, monthlyWeekdayWords } from '../../../domain/rules/recurrence-words.js';
import { DateInputField, TimeInputField } from '../forms/date-fields.js';
import { CheckboxField, FieldGroup, SelectField, TextInput } from '../forms/fields.js';
import { StaffForm, useZodForm } from '../forms/form.js';
import { useStaff } from '../shell/staff-env.js';
import { CheckboxGroupField, NumberInput, RadioField } from '../forms/choice-fields.js';
import {
  activityFormSchema,
  DEADLINES,
  toActivityArgs,
  type ActivityFormValues,
} from './form-model.js';
import { KioskPreview } from './kiosk-preview.js';
import { PictogramPicker } from './pictogram-picker.js';
import './activities.css';

const WEEK = [1, 2, 3, 4, 5, 6, 0]; // Monday first
const DA_DAYS = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'];
const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Props {
  initial: ActivityFormValues;
  /** The stored activity being edited (for the preview's counts), or null for a new one. */
  existing: Activity | null;
  /** An activity of a series: its day follows the rule. */
  inSeries: boolean;
  draftKey: string;
  timeZone: string;
  now: Date;
  submitLabel: string;
  onSubmit: (values: ActivityFormValues) => Promise<void> | void;
  onCancel: () => void;
}

export function ActivityForm(p: Props) {
  const { t, i18n } = useTranslation('staffActivities');
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const { db } = useStaff();
  const schema = useMemo(
    () =>
      activityFormSchema({
        chooseGroup: t('form.chooseGroup'),
        untilMissing: t('form.untilMissing'),
        untilBefore: t('form.untilBefore'),
        countMissing: t('form.countMissing'),
      }),
    [t],
  );
  const form = useZodForm(schema, { defaultValues: p.initial, draftKey: p.draftKey });
  const values = useWatch({ control: form.control }) as ActivityFormValues;
  const groups = useLiveQuery(() => db.group.toArray(), [db]) ?? [];
  const residents = useLiveQuery(() => db.resident.toArray(), [db]) ?? ([] as Resident[]);
  const signups =
    useLiveQuery(
      () => (p.existing ? signUpsOfActivities(db, [p.existing.id]) : []),
      [db, p.existing?.id],
    ) ?? ([] as SignUp[]);

  // Choosing a repetition starts with a last day twelve weeks on (said in the words, and easy
  // to change), so the rule is complete and its words show at once.
  const { setValue } = form;
  // Weekly starts ticked on the first day's weekday, so the boxes show what the rule does.
  useEffect(() => {
    if (values.repeat !== 'none' && values.ends === 'until' && !values.until && values.date)
      setValue('until', addDaysToDate(values.date, 7 * 12), { shouldDirty: true });
    if (values.repeat === 'WEEKLY' && values.weekdays?.length === 0 && values.date)
      setValue('weekdays', [weekdayOf(values.date)], { shouldDirty: true });
  }, [values.repeat, values.ends, values.until, values.date, values.weekdays, setValue]);

  const parsed = schema.safeParse(values);
  const args = parsed.success
    ? toActivityArgs(parsed.data, p.existing?.id ?? 'new', p.timeZone)
    : null;
  const words = args ? describeRecurrence(args, p.timeZone, lang) : null;
  // The card does not depend on the rule: it shows while the rule is still being drawn.
  const single = args ? null : schema.safeParse({ ...values, repeat: 'none' });
  const cardArgs =
    args ??
    (single?.success ? toActivityArgs(single.data, p.existing?.id ?? 'new', p.timeZone) : null);
  const endsNextDay =
    values.endTime !== undefined &&
    values.startTime !== undefined &&
    values.endTime <= values.startTime;
  const dayNames = lang === 'da' ? DA_DAYS : EN_DAYS;
  const date = values.date ?? p.initial.date;
  const nthWords = monthlyWeekdayWords(date, lang);
  const deadlineChoices = [
    ...DEADLINES.map((d) => ({
      id: d,
      label: t(`form.deadlines.${d === 'none' ? 'none' : (`m${d}` as 'm60')}`),
    })),
    ...(DEADLINES.includes(p.initial.deadline as (typeof DEADLINES)[number])
      ? []
      : [
          {
            id: p.initial.deadline,
            label: t('form.deadlines.custom', { minutes: p.initial.deadline }),
          },
        ]),
  ];

  const previewActivity: Activity | null = cardArgs
    ? {
        ...cardArgs,
        seriesId: null,
        confirmedCount: p.existing?.confirmedCount ?? 0,
        waitlistCount: p.existing?.waitlistCount ?? 0,
      }
    : null;

  return (
    <div className="acts-activity-form-layout">
      <StaffForm
        form={form}
        label={t('form.label')}
        draftKey={p.draftKey}
        submitLabel={p.submitLabel}
        onSubmit={p.onSubmit}
        actions={
          <button type="button" className="button" onClick={p.onCancel}>
            {t('form.cancel')}
          </button>
        }
      >
        <FieldGroup legend={t('form.what')}>
          <TextInput control={form.control} name="title" label={t('form.name')} schema={schema} />
          <TextInput
            control={form.control}
            name="description"
            label={t('form.description')}
            schema={schema}
            multiline
          />
          <TextInput control={form.control} name="place" label={t('form.place')} schema={schema} />
          <PictogramPicker control={form.control} name="pictogram" />
        </FieldGroup>

        <FieldGroup legend={t('form.when')}>
          {p.inSeries ? (
            <p className="field-help">{t('form.dateFixed')}</p>
          ) : (
            <DateInputField control={form.control} name="date" label={t('form.date')} />
          )}
          <div className="acts-time-row">
            <TimeInputField control={form.control} name="startTime" label={t('form.start')} />
            <TimeInputField control={form.control} name="endTime" label={t('form.end')} />
          </div>
          {endsNextDay && (
            <p className="field-help">
              {t('form.endNextDay', { time: values.endTime.replace(':', '.') })}
            </p>
          )}
        </FieldGroup>

        <FieldGroup legend={t('form.repeat')}>
          <SelectField
            control={form.control}
            name="repeat"
            label={t('form.howOften')}
            choices={(['none', 'DAILY', 'WEEKLY', 'MONTHLY'] as const).map((id) => ({
              id,
              label: t(`form.repeats.${id}`),
            }))}
          />
          {values.repeat !== 'none' && (
            <>
              <NumberInput
                control={form.control}
                name="interval"
                label={t('form.interval')}
                description={t('form.intervalHelp')}
                minValue={1}
                maxValue={52}
              />
              {values.repeat === 'WEEKLY' && (
                <CheckboxGroupField
                  control={form.control}
                  name="weekdays"
                  label={t('form.weekdays')}
                  choices={WEEK.map((d) => ({ id: d, label: dayNames[d] ?? '' }))}
                />
              )}
              {values.repeat === 'MONTHLY' && (
                <RadioField
                  control={form.control}
                  name="monthlyBy"
                  label={t('form.monthlyBy')}
                  choices={[
                    { id: 'nth', label: t('form.monthlyNth', { what: nthWords }) },
                    { id: 'day', label: t('form.monthlyDay', { day: Number(date.slice(8, 10)) }) },
                  ]}
                />
              )}
              <RadioField
                control={form.control}
                name="ends"
                label={t('form.ends')}
                orientation="horizontal"
                choices={[
                  { id: 'until', label: t('form.endsUntil') },
                  { id: 'count', label: t('form.endsCount') },
                ]}
              />
              {values.ends === 'until' ? (
                <DateInputField control={form.control} name="until" label={t('form.until')} />
              ) : (
                <NumberInput
                  control={form.control}
                  name="count"
                  label={t('form.count')}
                  minValue={1}
                  maxValue={260}
                />
              )}
            </>
          )}
          {words && (
            <p className="acts-rule-words" aria-live="polite">
              <strong>{t('form.summary')}:</strong> {words}
            </p>
          )}
        </FieldGroup>

        <FieldGroup legend={t('form.signUp')}>
          <NumberInput
            control={form.control}
            name="capacity"
            label={t('form.capacity')}
            description={t('form.capacityHelp')}
            minValue={1}
            maxValue={10000}
          />
          <CheckboxField control={form.control} name="waitlist" label={t('form.waitlist')} />
          <SelectField
            control={form.control}
            name="deadline"
            label={t('form.deadline')}
            choices={deadlineChoices}
          />
        </FieldGroup>

        <RadioField
          control={form.control}
          name="audienceKind"
          label={t('form.audience')}
          choices={[
            { id: 'all', label: t('form.audienceAll') },
            { id: 'groups', label: t('form.audienceGroups') },
          ]}
        />
        {values.audienceKind === 'groups' && (
          <CheckboxGroupField
            control={form.control}
            name="groupIds"
            label={t('form.groups')}
            choices={groups.map((g) => ({ id: g.id, label: g.name }))}
          />
        )}
      </StaffForm>
      {previewActivity && (
        <aside className="acts-activity-form-preview">
          <KioskPreview
            activity={previewActivity}
            signups={signups}
            residents={residents}
            now={p.now}
            timeZone={p.timeZone}
          />
        </aside>
      )}
    </div>
  );
}
