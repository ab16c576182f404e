/**
 * One resident: name, photo, pictogram, groups, meal answers, consent per channel (with who gave
 * it and who entered it when), an optional PIN, the relatives who have access, and their data
 * (download as JSON, or erase everything after a clear confirmation). `/residents/new` makes one.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import {
  Checkbox,
  CheckboxGroup,
  Label,
  Link,
  Radio,
  RadioGroup,
  Text,
} from 'react-aria-components';
import { useController, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'wouter';
import {
  consentChannels,
  type ConsentChannel,
  type Group,
  type Resident,
  type UserAccount,
} from '../../../domain/model.js';
import { useToday } from '../../shared/data/hooks.js';
import { PictogramPicker } from '../activities/pictogram-picker.js';
import { CheckboxField, FieldGroup, fieldId, TextInput } from '../forms/fields.js';
import { clearDraft } from '../forms/drafts.js';
import { StaffForm, useZodForm } from '../forms/form.js';
import { UploadButton } from '../media/upload-button.js';
import { PageHeader } from '../shell/page-header.js';
import { useSave } from '../shell/save.js';
import { useStaff } from '../shell/staff-env.js';
import { langOf, whenWords } from '../today/time.js';
import { ResidentPhoto } from './consent-badges.js';
import { EraseDialog } from './erase-dialog.js';
import { formValuesOf, ResidentForm, residentArgs, type ResidentFormValues } from './form-model.js';
import './people.css';

export function ResidentEditPage() {
  const { id: param = 'new' } = useParams<{ id: string }>();
  const { db } = useStaff();
  const resident = useLiveQuery(
    async () => (param === 'new' ? null : ((await db.resident.get(param)) ?? null)),
    [db, param],
  );
  const { t } = useTranslation('staffResidents');
  // A save starts the form afresh from what was saved: it is then clean, so leaving asks nothing.
  const [saved, setSaved] = useState<{ n: number; values: ResidentFormValues } | null>(null);
  if (resident === undefined) return null;
  if (resident === null && param !== 'new')
    return (
      <>
        <PageHeader title={t('edit.notFound')} />
        <Link href="/residents">{t('edit.back')}</Link>
      </>
    );
  return (
    <ResidentEditor
      key={`${param}:${saved?.n ?? 0}`}
      resident={resident ?? undefined}
      initial={saved?.values}
      onSaved={(values) =>
        setSaved((s) => ({ n: (s?.n ?? 0) + 1, values: { ...values, pin: '', removePin: false } }))
      }
    />
  );
}

function ResidentEditor({
  resident,
  initial,
  onSaved,
}: {
  resident: Resident | undefined;
  initial: ResidentFormValues | undefined;
  onSaved: (values: ResidentFormValues) => void;
}) {
  const { t } = useTranslation('staffResidents');
  const { db } = useStaff();
  const save = useSave();
  const [, navigate] = useLocation();
  const [erasing, setErasing] = useState(false);
  const [newId] = useState(() => crypto.randomUUID());
  const id = resident?.id ?? newId;
  const groups = useLiveQuery(() => db.group.toArray(), [db]) ?? ([] as Group[]);
  const users = useLiveQuery(() => db.user.toArray(), [db]) ?? ([] as UserAccount[]);
  const relatives = users.filter(
    (u) => u.role === 'relative' && !u.disabled && u.residentIds.includes(id),
  );
  // A half-filled form survives a phone call or a closed tab (ADMIN-UX).
  const draftKey = `resident:${resident ? id : 'new'}`;
  const form = useZodForm(ResidentForm, {
    defaultValues: initial ?? formValuesOf(resident),
    draftKey,
  });
  const photo = form.watch('photo');
  const name = form.watch('displayName');

  return (
    <>
      <PageHeader
        title={resident ? t('edit.title', { name: resident.displayName }) : t('edit.newTitle')}
      />
      <p>
        <Link href="/residents">{t('edit.back')}</Link>
      </p>
      <StaffForm
        form={form}
        label={resident ? t('edit.title', { name: resident.displayName }) : t('edit.newTitle')}
        draftKey={draftKey}
        submitLabel={t('edit.save')}
        onSubmit={async (v: ResidentFormValues) => {
          await save('resident.put', residentArgs(id, v, resident));
          if (!resident) navigate('/residents');
          else {
            // The editor is remounted with the saved values at once: its draft must go first.
            clearDraft(draftKey);
            onSaved(v);
          }
        }}
      >
        <TextInput
          control={form.control}
          name="displayName"
          label={t('edit.name')}
          description={t('edit.nameHint')}
          schema={ResidentForm}
        />
        <div className="field">
          <span className="field-label">{t('edit.photo')}</span>
          <div className="people-photo-field">
            {photo ? (
              <ResidentPhoto
                resident={{ ...(resident ?? emptyResident(id)), photo, displayName: name || '?' }}
                large
              />
            ) : (
              <span className="muted">{t('edit.noPhoto')}</span>
            )}
            <UploadButton
              accept="image"
              id={fieldId('photo')}
              onUploaded={(m) => form.setValue('photo', m.hash, { shouldDirty: true })}
            />
            {photo && (
              <button
                type="button"
                className="button"
                onClick={() => form.setValue('photo', null, { shouldDirty: true })}
              >
                {t('edit.removePhoto')}
              </button>
            )}
          </div>
        </div>
        <PictogramPicker control={form.control} name="pictogram" />
        <GroupsField control={form.control} groups={groups} />
        <CheckboxField control={form.control} name="mealSignUp" label={t('edit.mealSignUp')} />
        <FieldGroup legend={t('edit.consent')}>
          <p className="field-help">{t('edit.consentHelp')}</p>
          {consentChannels.map((c) => (
            <ConsentField
              key={c}
              channel={c}
              control={form.control}
              resident={resident}
              users={users}
            />
          ))}
        </FieldGroup>
        <CheckboxField
          control={form.control}
          name="relativesMayAct"
          label={t('edit.relativesMayAct')}
          description={t('edit.relativesMayActHelp')}
        />
        <FieldGroup legend={t('edit.pinLegend')}>
          <p className="field-help">
            {resident?.hasPin ? t('edit.pinIsSet') : t('edit.pinNotSet')} {t('edit.pinHelp')}
          </p>
          <TextInput
            control={form.control}
            name="pin"
            label={t('edit.pinNew')}
            type="password"
            autoComplete="new-password"
          />
          {resident?.hasPin && (
            <CheckboxField control={form.control} name="removePin" label={t('edit.pinRemove')} />
          )}
        </FieldGroup>
      </StaffForm>

      {resident && (
        <>
          <section className="people-section" aria-labelledby="resident-relatives">
            <h2 id="resident-relatives">{t('edit.relatives')}</h2>
            {relatives.length === 0 ? (
              <p className="muted">{t('edit.noRelatives')}</p>
            ) : (
              <ul>
                {relatives.map((u) => (
                  <li key={u.id}>
                    {u.displayName} ({u.username})
                  </li>
                ))}
              </ul>
            )}
            <Link href="/relatives">{t('edit.manageRelatives')}</Link>
          </section>
          <section className="people-section" aria-labelledby="resident-data">
            <h2 id="resident-data">{t('edit.data')}</h2>
            <p className="muted">{t('edit.dataHelp')}</p>
            <div className="people-actions">
              <a
                className="button"
                href={`/api/residents/${encodeURIComponent(resident.id)}/export`}
                download={`beboer-${resident.id}.json`}
              >
                {t('edit.export')}
              </a>
              <button type="button" className="button danger" onClick={() => setErasing(true)}>
                {t('edit.erase')}
              </button>
            </div>
          </section>
          {erasing && (
            <EraseDialog
              resident={resident}
              onClose={() => setErasing(false)}
              onErase={async () => {
                await save('resident.erase', { residentId: resident.id });
                navigate('/residents');
              }}
            />
          )}
        </>
      )}
    </>
  );
}

const emptyResident = (id: string): Resident => ({
  id,
  displayName: '',
  photo: null,
  pictogram: null,
  groupIds: [],
  wallConsent: false,
  consent: {
    wall: { given: false, by: null, recordedBy: null, at: null },
    relatives: { given: false, by: null, recordedBy: null, at: null },
    calendar: { given: false, by: null, recordedBy: null, at: null },
  },
  hasPin: false,
  mealSignUp: true,
});

function GroupsField({
  control,
  groups,
}: {
  control: Control<ResidentFormValues>;
  groups: Group[];
}) {
  const { t } = useTranslation('staffResidents');
  const { field } = useController({ control, name: 'groupIds' });
  return (
    <CheckboxGroup
      className="field"
      value={field.value}
      onChange={(v) => field.onChange(v)}
      id={fieldId('groupIds')}
    >
      <Label>{t('edit.groups')}</Label>
      {groups.length === 0 && <Text slot="description">{t('noGroups')}</Text>}
      {[...groups]
        .sort((a, b) => a.name.localeCompare(b.name, 'da'))
        .map((g) => (
          <Checkbox key={g.id} value={g.id} className="checkbox">
            <span className="checkbox-box" aria-hidden="true" />
            {g.name}
          </Checkbox>
        ))}
    </CheckboxGroup>
  );
}

function ConsentField({
  channel,
  control,
  resident,
  users,
}: {
  channel: ConsentChannel;
  control: Control<ResidentFormValues>;
  resident: Resident | undefined;
  users: UserAccount[];
}) {
  const { t, i18n } = useTranslation('staffResidents');
  const { now, timeZone } = useToday(60_000);
  const { field } = useController({ control, name: channel });
  const { me } = useStaff();
  const record = resident?.consent[channel];
  // A login made on the command line may not be in the cache yet: "me" is always known.
  const who =
    (record?.recordedBy === me.userId ? me.displayName : undefined) ??
    users.find((u) => u.id === record?.recordedBy)?.displayName ??
    t('edit.someone');
  return (
    <RadioGroup
      className="consent-channel"
      value={field.value}
      onChange={(v) => field.onChange(v)}
      id={fieldId(channel)}
    >
      <Label>{t(`channelLong.${channel}`)}</Label>
      <Radio value="resident" className="radio">
        {t('edit.byResident')}
      </Radio>
      <Radio value="guardian" className="radio">
        {t('edit.byGuardian')}
      </Radio>
      <Radio value="no" className="radio">
        {t('edit.notGiven')}
      </Radio>
      <Text slot="description" className="field-help">
        {record?.at
          ? t('edit.recorded', {
              who,
              when: whenWords(langOf(i18n.language), record.at, timeZone, now),
            })
          : record?.given
            ? t('edit.givenUnknown')
            : t('edit.neverRecorded')}
      </Text>
    </RadioGroup>
  );
}
