/**
 * "Opret center": the centre's name, its slug (suggested from the name while typing, until the
 * user writes their own), its time zone and its first admin, checked with the server's own
 * schema (CreateCentreBody) before sending. A slug already taken comes back as 409 and is said
 * beside the slug field. The password is sent once and never shown again.
 */
import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { slugFromName } from '../../domain/rules/centre-slug.js';
import { MIN_PASSWORD_LENGTH } from '../../domain/rules/credentials.js';
import { CreateCentreBody, type CentreCreated } from '../../protocol/municipal.js';
import { FieldGroup, SelectField, TextInput } from '../staff/forms/fields.js';
import { StaffForm } from '../staff/forms/form.js';
import { mayLeave, useLeaveGuard } from '../staff/forms/leave-guard.js';
import { SLUG_MAX_LENGTH } from '../../domain/rules/centre-slug.js';
import { createCentre } from './api.js';
import { useLocalisedResolver } from './form-rules.js';

/** The zones of the Danish realm, Denmark's first (any IANA zone is valid to the server). */
export const ZONES = [
  'Europe/Copenhagen',
  'Atlantic/Faroe',
  'America/Nuuk',
  'America/Danmarkshavn',
  'America/Scoresbysund',
  'America/Thule',
] as const;

export interface Created {
  centre: CentreCreated;
  username: string;
}

export function CreateCentrePage({
  onCreated,
  onBack,
  onSignedOut,
}: {
  onCreated: (made: Created) => void;
  onBack: () => void;
  onSignedOut: () => void;
}) {
  const { t } = useTranslation('municipal');
  // The fields in the order the form shows them (and the error summary lists them).
  const fields = [
    ['name', t('create.name')],
    ['slug', t('create.slug')],
    ['timeZone', t('create.timeZone')],
    ['admin.displayName', t('create.adminName')],
    ['admin.username', t('create.adminUsername')],
    ['admin.password', t('create.adminPassword')],
  ] as const;
  const form = useForm({
    resolver: useLocalisedResolver(CreateCentreBody, fields),
    defaultValues: {
      name: '',
      slug: '',
      timeZone: 'Europe/Copenhagen',
      admin: { displayName: '', username: '', password: '' },
    },
    // Checked at submit, then as each field is put right: an error appearing as a field is left
    // would move the button from under the pointer that is clicking it (GOV.UK's pattern).
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    // The error summary takes the focus instead (staff/forms/form.tsx).
    shouldFocusError: false,
  });
  const [problem, setProblem] = useState<string | null>(null);
  useLeaveGuard(form.formState.isDirty);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  // The slug follows the name while it is empty or still the last suggestion; once the user
  // writes their own, it is theirs.
  const name = useWatch({ control: form.control, name: 'name' });
  const slug = useWatch({ control: form.control, name: 'slug' });
  const suggested = useRef('');
  const [isSuggestion, setIsSuggestion] = useState(false);
  useEffect(() => {
    const current = form.getValues('slug');
    if (current !== '' && current !== suggested.current) return;
    const next = slugFromName(name);
    suggested.current = next;
    if (next !== current)
      form.setValue('slug', next, {
        shouldDirty: true,
        // After a submit the slug's error follows the suggestion, as it follows typing.
        shouldValidate: form.formState.isSubmitted,
      });
  }, [name, form]);
  useEffect(() => setIsSuggestion(slug !== '' && slug === suggested.current), [slug]);

  const address = `${location.protocol}//${slug || '…'}.${location.host}`;
  const back = () => {
    if (mayLeave(t('create.leave'))) onBack();
  };
  return (
    <>
      <p>
        <button type="button" className="link-button" onClick={back}>
          ← {t('create.back')}
        </button>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {t('create.title')}
      </h1>
      <p>{t('create.intro')}</p>
      {problem && (
        <p className="login-problem" role="alert">
          {problem}
        </p>
      )}
      <StaffForm
        form={form}
        label={t('create.title')}
        submitLabel={t('create.submit')}
        actions={
          <button type="button" className="button" onClick={back}>
            {t('create.cancel')}
          </button>
        }
        onSubmit={async (values) => {
          setProblem(null);
          const outcome = await createCentre(values);
          if (outcome.ok) {
            // Nothing to ask about when leaving now: the centre is made.
            form.reset(form.getValues());
            onCreated({ centre: outcome.centre, username: values.admin.username });
            return;
          }
          if (outcome.why === 'exists') {
            form.setError(
              'slug',
              { type: 'exists', message: t('rules.slugTaken', { slug: values.slug }) },
              { shouldFocus: false },
            );
            return;
          }
          if (outcome.why === 'signedOut') onSignedOut();
          else
            setProblem(
              t('create.failed', {
                why: outcome.why === 'invalid' ? outcome.message : t(`create.${outcome.why}`),
              }),
            );
        }}
      >
        <FieldGroup legend={t('create.centre')}>
          <TextInput
            control={form.control}
            name="name"
            label={t('create.name')}
            description={t('create.nameHelp')}
            autoComplete="off"
          />
          <TextInput
            control={form.control}
            name="slug"
            label={t('create.slug')}
            description={[
              t('create.slugHelp', { max: SLUG_MAX_LENGTH, address }),
              isSuggestion ? t('create.slugSuggested') : '',
            ]
              .filter(Boolean)
              .join(' ')}
            autoComplete="off"
          />
          <SelectField
            control={form.control}
            name="timeZone"
            label={t('create.timeZone')}
            description={t('create.timeZoneHelp')}
            choices={ZONES.map((id) => ({ id, label: t(`zones.${id}`) }))}
          />
        </FieldGroup>
        <FieldGroup legend={t('create.admin')}>
          <p className="field-help">{t('create.adminHelp')}</p>
          <TextInput
            control={form.control}
            name="admin.displayName"
            label={t('create.adminName')}
            autoComplete="off"
          />
          <TextInput
            control={form.control}
            name="admin.username"
            label={t('create.adminUsername')}
            description={t('create.adminUsernameHelp')}
            autoComplete="off"
          />
          <TextInput
            control={form.control}
            name="admin.password"
            type="password"
            label={t('create.adminPassword')}
            description={t('create.adminPasswordHelp', { min: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
          />
        </FieldGroup>
      </StaffForm>
    </>
  );
}
