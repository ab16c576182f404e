/**
 * Logging in: username and password (checked by the server's own LoginBody schema first), plain
 * answers to every outcome (wrong, too many attempts with the minutes to wait, busy, offline),
 * "Glemt adgangskode?" answered on the spot (there is no e-mail: the staff send a new
 * invitation), and the language switch. After the server ended the access it says so on top.
 */
import { useId, useState, type FormEvent } from 'react';
import { LoginBody, type SessionInfo } from '../../../protocol/rest.js';
import { LangSwitch } from '../shell/lang-switch.js';
import { useWords } from '../shell/lang.js';
import { shellWords } from '../shell/words.js';
import { fill } from '../words.js';
import { login, type LoginOutcome } from './api.js';
import { loginWords } from './words.js';

/** Why the login page is shown instead of the pages, if there is something to say. */
export type LoggedOutReason = 'ended' | 'loggedOut' | 'staffSignedIn' | null;

type W = (typeof loginWords)['da'];

function outcomeText(w: W, o: Exclude<LoginOutcome, { ok: true }>): string {
  if (o.why === 'limited')
    return o.minutes === 1 ? w.limited_one : fill(w.limited_other, { count: String(o.minutes) });
  return w[o.why];
}

export function LoginPage({
  onLoggedIn,
  reason = null,
}: {
  onLoggedIn: (s: SessionInfo) => void;
  reason?: LoggedOutReason;
}) {
  const w = useWords(loginWords);
  const app = useWords(shellWords).appName;
  const ids = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!LoginBody.safeParse({ username, password }).success) return setProblem(w.missing);
    setProblem(null);
    setSending(true);
    const outcome = await login({ username: username.trim(), password });
    setSending(false);
    if (outcome.ok) onLoggedIn(outcome.session);
    else setProblem(outcomeText(w, outcome));
  };

  return (
    <main className="family family-login" id="main">
      <div className="family-login-top">
        <p className="family-app-name">{app}</p>
        <LangSwitch />
      </div>
      {reason === 'ended' && (
        <section className="family-problem" role="alert" aria-labelledby={`${ids}-ended`}>
          <h2 id={`${ids}-ended`}>{w.ended.title}</h2>
          <p>{w.ended.body}</p>
        </section>
      )}
      {reason === 'loggedOut' && (
        <p className="family-info" role="status">
          {w.loggedOut}
        </p>
      )}
      {reason === 'staffSignedIn' && <p className="family-info">{w.staffSignedIn}</p>}
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      {problem && (
        <p role="alert" className="family-problem">
          {problem}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="family-field">
          <label htmlFor={`${ids}-user`}>{w.username}</label>
          <input
            id={`${ids}-user`}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="family-field">
          <label htmlFor={`${ids}-pw`}>{w.password}</label>
          <input
            id={`${ids}-pw`}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="family-button" disabled={sending}>
          {sending ? w.sending : w.submit}
        </button>
      </form>
      <details className="family-forgot">
        <summary>{w.forgot}</summary>
        <p>{w.forgotAnswer}</p>
      </details>
    </main>
  );
}
