/** "Skift adgangskode": the current one, the new one twice (the server's rule shown first). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { NewPassword } from '../../../protocol/rest.js';
import { TextInput } from '../forms/fields.js';
import { StaffForm, useZodForm } from '../forms/form.js';
import { PageHeader } from '../shell/page-header.js';
import { changePassword } from './api.js';

export function ChangePasswordPage() {
  const { t } = useTranslation('staff');
  const schema = z
    .object({ current: z.string().min(1), next: NewPassword, repeat: z.string() })
    .refine((v) => v.next === v.repeat, { path: ['repeat'], message: t('password.mismatch') });
  const form = useZodForm(schema, { defaultValues: { current: '', next: '', repeat: '' } });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <>
      <PageHeader title={t('password.title')} />
      {result && (
        <p
          className={result.ok ? 'success-line' : 'login-problem'}
          role={result.ok ? 'status' : 'alert'}
        >
          {result.text}
        </p>
      )}
      <StaffForm
        form={form}
        label={t('password.title')}
        submitLabel={t('password.submit')}
        onSubmit={async (v) => {
          const r = await changePassword(v.current, v.next);
          if (r.ok) {
            setResult({ ok: true, text: t('password.done') });
            form.reset({ current: '', next: '', repeat: '' });
          } else
            setResult({
              ok: false,
              text:
                r.why === 'wrongCurrent'
                  ? t('password.wrongCurrent')
                  : t('password.failed', { why: r.message }),
            });
        }}
      >
        <TextInput
          control={form.control}
          name="current"
          type="password"
          label={t('password.current')}
          autoComplete="current-password"
        />
        <TextInput
          control={form.control}
          name="next"
          type="password"
          label={t('password.next')}
          description={t('password.nextHint')}
          schema={schema}
          autoComplete="new-password"
        />
        <TextInput
          control={form.control}
          name="repeat"
          type="password"
          label={t('password.repeat')}
          autoComplete="new-password"
        />
      </StaffForm>
    </>
  );
}
