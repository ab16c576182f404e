/**
 * The invitation page (`/family/invite#TOKEN`): the relative chooses a password (and, if they
 * like, a username) and is logged in (the answer sets the session cookie): `onAccepted` takes
 * them straight to their resident's week, which says "Du er logget ind" with the username once.
 */
import { useId, useState, type FormEvent } from 'react';
import { acceptInvitation, tokenFrom } from './accept.js';
import type { SessionInfo } from '../../protocol/rest.js';
import { fill, type FamilyWords } from './words.js';

interface State {
  problem: string | null;
  sending: boolean;
}

const USERNAME = /^[a-zA-Z0-9._@-]{2,64}$/;

export function AcceptPage({
  w,
  onAccepted,
}: {
  w: FamilyWords;
  onAccepted: (session: SessionInfo, username: string) => void;
}) {
  const [token] = useState(() => tokenFrom(window.location));
  const [state, setState] = useState<State>({ problem: null, sending: false });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const ids = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!token) return;
    const problem =
      username && !USERNAME.test(username)
        ? w.accept.badUsername
        : password.length < 8
          ? w.accept.tooShort
          : password !== repeat
            ? w.accept.mismatch
            : null;
    if (problem) return setState({ problem, sending: false });
    setState({ problem: null, sending: true });
    const r = await acceptInvitation(token, password, username.trim());
    if (r.ok) return onAccepted(r.session, r.username);
    const known = (w.accept.errors as Record<string, string>)[r.code];
    setState({
      sending: false,
      problem:
        r.code === 'offline'
          ? w.accept.offline
          : (known ?? fill(w.accept.failed, { why: r.message ?? r.code })),
    });
  };

  return (
    <section aria-labelledby={`${ids}-title`}>
      <h1 id={`${ids}-title`}>{w.accept.title}</h1>
      {!token ? (
        <p role="alert" className="family-problem">
          {w.accept.noToken}
        </p>
      ) : (
        <>
          <p>{w.accept.intro}</p>
          {state.problem && (
            <p role="alert" className="family-problem">
              {state.problem}
            </p>
          )}
          <form onSubmit={(e) => void submit(e)} noValidate>
            <div className="family-field">
              <label htmlFor={`${ids}-user`}>{w.accept.username}</label>
              <p id={`${ids}-user-help`} className="family-help">
                {w.accept.usernameHint}
              </p>
              <input
                id={`${ids}-user`}
                aria-describedby={`${ids}-user-help`}
                autoComplete="username"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            </div>
            <div className="family-field">
              <label htmlFor={`${ids}-pw`}>{w.accept.password}</label>
              <p id={`${ids}-pw-help`} className="family-help">
                {w.accept.passwordHint}
              </p>
              <input
                id={`${ids}-pw`}
                type="password"
                aria-describedby={`${ids}-pw-help`}
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
            <div className="family-field">
              <label htmlFor={`${ids}-pw2`}>{w.accept.repeat}</label>
              <input
                id={`${ids}-pw2`}
                type="password"
                autoComplete="new-password"
                value={repeat}
                onChange={(e) => setRepeat(e.target.value)}
              />
            </div>
            <button type="submit" className="family-button" disabled={state.sending}>
              {state.sending ? w.accept.sending : w.accept.submit}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
