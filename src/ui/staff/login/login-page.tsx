/** Sign-in: username and password, the server's own rules, and plain answers to every outcome. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginBody, type SessionInfo } from '../../../protocol/rest.js';
import { TextInput } from '../forms/fields.js';
import { StaffForm, useZodForm } from '../forms/form.js';
import { login, type LoginOutcome } from './api.js';

function outcomeText(t: ReturnType<typeof useTranslation<'staff'>>['t'], o: LoginOutcome): string {
  if (o.ok) return '';
  if (o.why === 'limited') return t('login.limited', { count: o.minutes });
  return t(`login.${o.why}`);
}

export function LoginPage({ onLoggedIn }: { onLoggedIn: (s: SessionInfo) => void }) {
  const { t } = useTranslation('staff');
  const form = useZodForm(LoginBody, { defaultValues: { username: '', password: '' } });
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <main className="login" id="main">
      <h1>{t('appName')}</h1>
      <section className="login-card" aria-labelledby="login-title">
        <h2 id="login-title">{t('login.title')}</h2>
        <p>{t('login.intro')}</p>
        {problem && (
          <p className="login-problem" role="alert">
            {problem}
          </p>
        )}
        <StaffForm
          form={form}
          label={t('login.title')}
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
      </section>
    </main>
  );
}
