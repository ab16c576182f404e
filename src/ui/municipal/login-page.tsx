/** Sign-in of a municipal admin: username and password, and a plain answer to every outcome. */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { MunicipalLogin, type MunicipalSession } from '../../protocol/municipal.js';
import { TextInput } from '../staff/forms/fields.js';
import { StaffForm } from '../staff/forms/form.js';
import { login, type LoginOutcome } from './api.js';
import { useLocalisedResolver } from './form-rules.js';

function outcomeText(t: ReturnType<typeof useTranslation<'municipal'>>['t'], o: LoginOutcome) {
  if (o.ok) return '';
  if (o.why === 'limited') return t('login.limited', { count: o.minutes });
  return t(`login.${o.why}`);
}

export function LoginPage({ onLoggedIn }: { onLoggedIn: (s: MunicipalSession) => void }) {
  const { t } = useTranslation('municipal');
  const form = useForm({
    resolver: useLocalisedResolver(MunicipalLogin, [
      ['username', t('login.username')],
      ['password', t('login.password')],
    ]),
    defaultValues: { username: '', password: '' },
    // Checked at submit, then as each field is put right: an error appearing as a field is left
    // would move the button from under the pointer that is clicking it (GOV.UK's pattern).
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    // The error summary takes the focus instead (staff/forms/form.tsx).
    shouldFocusError: false,
  });
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <main className="login" id="main" tabIndex={-1}>
      <h1>{t('login.title')}</h1>
      <section className="login-card" aria-labelledby="login-intro">
        <p id="login-intro">{t('login.intro')}</p>
        {problem && (
          <p className="login-problem" role="alert">
            {problem}
          </p>
        )}
        <StaffForm
          form={form}
          label={t('login.submit')}
          submitLabel={t('login.submit')}
          onSubmit={async (values) => {
            setProblem(null);
            const outcome = await login(values);
            if (outcome.ok) onLoggedIn(outcome.session);
            else setProblem(outcomeText(t, outcome));
          }}
        >
          <TextInput
            control={form.control}
            name="username"
            label={t('login.username')}
            autoComplete="username"
          />
          <TextInput
            control={form.control}
            name="password"
            type="password"
            label={t('login.password')}
            autoComplete="current-password"
          />
        </StaffForm>
        <p className="muted">
          {t('login.noAccount')} <code className="command">municipal-admin</code>.
        </p>
      </section>
    </main>
  );
}
