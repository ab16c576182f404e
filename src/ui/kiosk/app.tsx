/**
 * The kiosk page: enrol with a one-time code from the address (`#enrol=CODE`) when there is one,
 * then show Home from the cache while the sync engine keeps the cache up to date.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { enrolOnce, readToken, type EnrolOutcome } from './enrol.js';
import type { i18n } from 'i18next';
import { db, useSync } from './use-sync.js';
import { engineActions, KioskApp } from './kiosk-app.js';
import type { DisplaySettings } from './settings.js';
import type { Speaker } from './speech/speaker.js';
import { enrolErrorText } from './enrol-words.js';

type Problem = Extract<EnrolOutcome, { ok: false }>;

function Message({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <main className="message">
      <h1>{title}</h1>
      {children}
    </main>
  );
}

interface Props {
  enrolCode: string | null;
  settings: DisplaySettings;
  speaker: Speaker;
  i18n: i18n;
}

export function App({ enrolCode, settings, speaker, i18n }: Props) {
  const [token, setToken] = useState<string | null>(readToken);
  const [enrolling, setEnrolling] = useState(enrolCode !== null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!enrolCode) return undefined;
    let live = true;
    setEnrolling(true);
    void enrolOnce(enrolCode).then((r) => {
      if (!live) return;
      setEnrolling(false);
      if (r.ok) {
        setToken(r.token);
        setProblem(null);
      } else setProblem(r);
    });
    return () => {
      live = false;
    };
  }, [enrolCode, attempt]);

  // Never sync with an old token while a new code is being exchanged.
  const sync = useSync(enrolling ? null : token);
  const actions = useMemo(() => (sync.engine ? engineActions(sync.engine) : null), [sync.engine]);

  if (enrolling)
    return (
      <Message title="Skærmen tilmeldes">
        <p>Et øjeblik.</p>
      </Message>
    );
  if (problem) {
    return (
      <Message title="Skærmen blev ikke tilmeldt">
        <p className="problem">{enrolErrorText(problem.error, problem.message)}</p>
        <div className="actions">
          {problem.error === 'network' && (
            <button type="button" className="primary" onClick={() => setAttempt((n) => n + 1)}>
              Prøv igen
            </button>
          )}
          {token && (
            <button type="button" className="secondary" onClick={() => setProblem(null)}>
              Vis skærmen
            </button>
          )}
        </div>
      </Message>
    );
  }
  if (!token) {
    return (
      <Message title="Skærmen er ikke tilmeldt">
        <p>Bed personalet om en kode til skærmen.</p>
      </Message>
    );
  }
  if (!actions) return <Message title="Skærmen starter" />;
  return (
    <KioskApp
      db={db}
      actions={actions}
      status={sync.status}
      settings={settings}
      speaker={speaker}
      i18n={i18n}
    />
  );
}
