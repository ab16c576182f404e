/**
 * The kiosk page: enrol with a one-time code from the address (`#enrol=CODE`) when there is one,
 * then show Home from the cache while the sync engine keeps the cache up to date.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { enrolOnce, readToken, type EnrolOutcome } from './enrol.js';
import type { i18n } from 'i18next';
import { db, useKioskSync } from './use-sync.js';
import { engineActions, KioskApp } from './kiosk-app.js';
import type { DisplaySettings } from './settings.js';
import type { Speaker } from './speech/speaker.js';
import { EnrolForm } from './enrol-form.js';
import { enrolErrorText, enrolText } from './enrol-words.js';

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
  // The code from the address, then whatever staff type into the code field.
  const [code, setCode] = useState<string | null>(enrolCode);
  const [enrolling, setEnrolling] = useState(enrolCode !== null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!code) return undefined;
    let live = true;
    setEnrolling(true);
    void enrolOnce(code).then((r) => {
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
  }, [code, attempt]);

  // Never sync with an old token while a new code is being exchanged.
  const sync = useKioskSync(enrolling ? null : token);
  const actions = useMemo(() => (sync.engine ? engineActions(sync.engine) : null), [sync.engine]);

  const words = enrolText(settings.lang);
  if (enrolling)
    return (
      <Message title={words.enrolling}>
        <p>{words.moment}</p>
      </Message>
    );
  if (problem) {
    // A code that cannot work (used, expired, unknown) gets the field to type a new one.
    const retry = problem.error === 'network' || problem.error === 'rate_limited';
    return (
      <Message title={words.failed}>
        <p className="problem">{enrolErrorText(problem.error, problem.message, settings.lang)}</p>
        {!retry && (
          <EnrolForm words={words} onCode={setCode} idleMs={settings.idleSeconds * 1000} />
        )}
        <div className="actions">
          {problem.error === 'network' && (
            <button type="button" className="primary" onClick={() => setAttempt((n) => n + 1)}>
              {words.tryAgain}
            </button>
          )}
          {token && (
            <button type="button" className="secondary" onClick={() => setProblem(null)}>
              {words.showScreen}
            </button>
          )}
        </div>
      </Message>
    );
  }
  if (!token) {
    return (
      <Message title={words.notEnrolled}>
        <p>{words.askForCode}</p>
        <EnrolForm words={words} onCode={setCode} idleMs={settings.idleSeconds * 1000} />
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
