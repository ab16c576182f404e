/**
 * The municipal admin's page at the deployment's base domain: sign in, then the centres, "Opret
 * center" and its confirmation. One page without routes of its own (the server serves it at `/`
 * only): the views are state, each focusing its heading when it opens. A 401 anywhere (the
 * session ended) goes back to sign-in.
 */
import { useCallback, useEffect, useState } from 'react';
import type { MunicipalSession } from '../../protocol/municipal.js';
import { fetchSession, logout } from './api.js';
import { CentresPage } from './centres-page.js';
import { CreateCentrePage, type Created } from './create-centre.js';
import { CreatedPage } from './created-page.js';
import { Header } from './header.js';
import { LoginPage } from './login-page.js';

type Gate = { state: 'checking' } | { state: 'out' } | { state: 'in'; session: MunicipalSession };
type View = { kind: 'list' } | { kind: 'create' } | { kind: 'created'; made: Created };

export function MunicipalApp() {
  const [gate, setGate] = useState<Gate>({ state: 'checking' });
  const [view, setView] = useState<View>({ kind: 'list' });
  useEffect(() => {
    void fetchSession().then((s) =>
      setGate(s && s !== 'offline' ? { state: 'in', session: s } : { state: 'out' }),
    );
  }, []);
  const signedOut = useCallback(() => {
    setView({ kind: 'list' });
    setGate({ state: 'out' });
  }, []);
  const leave = useCallback(async () => {
    await logout();
    signedOut();
  }, [signedOut]);
  const toList = useCallback(() => setView({ kind: 'list' }), []);

  if (gate.state === 'checking') return null;
  if (gate.state === 'out')
    return (
      <div className="municipal">
        <Header />
        <LoginPage
          onLoggedIn={(session) => {
            setView({ kind: 'list' });
            setGate({ state: 'in', session });
          }}
        />
      </div>
    );
  return (
    <div className="municipal">
      <Header username={gate.session.username} onLogout={() => void leave()} />
      <main className="municipal-main" id="main" tabIndex={-1}>
        {view.kind === 'list' && (
          <CentresPage onCreate={() => setView({ kind: 'create' })} onSignedOut={signedOut} />
        )}
        {view.kind === 'create' && (
          <CreateCentrePage
            onBack={toList}
            onSignedOut={signedOut}
            onCreated={(made) => setView({ kind: 'created', made })}
          />
        )}
        {view.kind === 'created' && (
          <CreatedPage
            made={view.made}
            onBack={toList}
            onAnother={() => setView({ kind: 'create' })}
          />
        )}
      </main>
    </div>
  );
}
