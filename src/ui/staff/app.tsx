/**
 * The staff admin: the sign-in gate, then the signed-in person's sync engine (its socket
 * authenticates by the session cookie), cache and pages. The cache is one IndexedDB database,
 * wiped at logout, when another person signs in on this browser, and when the server ends the
 * session (a revoked or disabled user): nothing of one person's view stays for the next.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Route, Switch } from 'wouter';
import { CacheDb } from '../../client/index.js';
import type { SessionInfo } from '../../protocol/rest.js';
import { signedInEnv } from '../shared/session/signed-in-env.js';
import { useSync } from '../shared/sync/use-sync.js';
import { clearDrafts } from './forms/drafts.js';
import { fetchSession, logout as logoutRequest } from './login/api.js';
import { LoginPage } from './login/login-page.js';
import { pages } from './pages.js';
import { Layout } from './shell/layout.js';
import { StaffRouter } from './shell/router.js';
import { StaffEnvProvider, type StaffEnv } from './shell/staff-env.js';
import { NotFound } from './shell/not-found.js';

export const STAFF_DB = 'citizen-guide-staff';
const LAST_USER = 'cg-staff-user';

/** Deletes this browser's staff cache (and drafts) unless it belongs to `userId`. */
async function wipeUnlessOwnedBy(userId: string | null): Promise<void> {
  const owner = localStorage.getItem(LAST_USER);
  if (userId !== null && owner === userId) return;
  await new CacheDb(STAFF_DB).delete();
  clearDrafts();
  if (userId === null) localStorage.removeItem(LAST_USER);
  else localStorage.setItem(LAST_USER, userId);
}

type Gate =
  { state: 'checking' } | { state: 'out' } | { state: 'in'; session: SessionInfo; db: CacheDb };

export function App() {
  const [gate, setGate] = useState<Gate>({ state: 'checking' });
  const enter = useCallback(async (session: SessionInfo) => {
    await wipeUnlessOwnedBy(session.userId);
    setGate({ state: 'in', session, db: new CacheDb(STAFF_DB) });
  }, []);
  useEffect(() => {
    void fetchSession().then((s) => {
      // No answer from the server: the login page (which says so when tried), never a blank page;
      // the staff admin opens no cache without knowing who is signed in.
      return s && s !== 'offline' ? enter(s) : setGate({ state: 'out' });
    });
  }, [enter]);
  const leave = useCallback(async () => {
    setGate({ state: 'out' });
    await logoutRequest();
    await wipeUnlessOwnedBy(null);
  }, []);
  if (gate.state === 'checking') return null;
  if (gate.state === 'out') return <LoginPage onLoggedIn={(s) => void enter(s)} />;
  return <SignedIn session={gate.session} db={gate.db} logout={leave} />;
}

function SignedIn({
  session,
  db,
  logout,
}: {
  session: SessionInfo;
  db: CacheDb;
  logout: () => Promise<void>;
}) {
  const { engine, status } = useSync(db, 'cookie');
  // The server ended this session (revoked, disabled, expired): sign out here too.
  useEffect(() => {
    if (status?.state === 'unauthorized') void logout();
  }, [status?.state, logout]);
  const env = useMemo<StaffEnv | null>(
    () => engine && signedInEnv(engine, db, status, session, logout),
    [engine, status, db, session, logout],
  );
  if (!env) return null;
  return (
    <StaffEnvProvider env={env}>
      <StaffRouter>
        <Layout>
          <Switch>
            {pages
              .filter((p) => !p.adminOnly || session.role === 'admin')
              .map((p) => (
                <Route key={p.path} path={p.path} component={p.component} />
              ))}
            <Route component={NotFound} />
          </Switch>
        </Layout>
      </StaffRouter>
    </StaffEnvProvider>
  );
}
