/**
 * The relatives' pages: the sign-in gate, then the signed-in relative's sync engine (its socket
 * authenticates by the session cookie), cache and pages. `/family/invite#TOKEN` accepts an
 * invitation and goes straight in (the accept answer sets the session cookie).
 *
 * The cache is one IndexedDB database, wiped at logout, when another person signs in on this
 * phone, and when the server ends the session (staff removed the access, or it expired): the
 * engine's status turns `unauthorized` and the open page goes back to the login with "Din adgang
 * er stoppet. Spørg personalet." Nothing of one person's view stays for the next.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Route, Switch } from 'wouter';
import { CacheDb } from '../../client/index.js';
import { SessionInfo } from '../../protocol/rest.js';
import { signedInEnv } from '../shared/session/signed-in-env.js';
import { useSync } from '../shared/sync/use-sync.js';
import { AcceptPage } from './accept-page.js';
import { fetchSession, logout as logoutRequest } from './login/api.js';
import { LoginPage, type LoggedOutReason } from './login/login-page.js';
import { pages } from './pages.js';
import { FamilyEnvProvider, type FamilyEnv } from './shell/family-env.js';
import { LangSwitch } from './shell/lang-switch.js';
import { useLang, useWords } from './shell/lang.js';
import { Layout } from './shell/layout.js';
import { NotFound } from './shell/not-found.js';
import { rememberResident, ResidentProvider } from './shell/resident.js';
import { BASE, FamilyRouter } from './shell/router.js';
import { familyWords } from './words.js';
import '../shared/styles/visually-hidden.css';
import './family.css';

export const FAMILY_DB = 'citizen-guide-family';
/** Who the cache on this phone belongs to (their SessionInfo as JSON). */
export const LAST_USER = 'cg-family-user';

function lastUser(): SessionInfo | null {
  try {
    const parsed = SessionInfo.safeParse(JSON.parse(localStorage.getItem(LAST_USER) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Deletes this phone's relatives' cache (and the chosen resident) unless it is `session`'s. */
export async function wipeUnlessOwnedBy(session: SessionInfo | null): Promise<void> {
  if (session !== null && lastUser()?.userId === session.userId) {
    localStorage.setItem(LAST_USER, JSON.stringify(session));
    return;
  }
  await new CacheDb(FAMILY_DB).delete();
  rememberResident(null);
  if (session === null) localStorage.removeItem(LAST_USER);
  else localStorage.setItem(LAST_USER, JSON.stringify(session));
}

type Gate =
  | { state: 'checking' }
  | { state: 'invite' }
  | { state: 'out'; reason: LoggedOutReason }
  | { state: 'in'; session: SessionInfo; db: CacheDb; welcome: string | null };

const isInvite = (path: string) => /^\/family\/invite\/?$/.test(path);

export function FamilyApp({ path = window.location.pathname }: { path?: string }) {
  useLang();
  const [gate, setGate] = useState<Gate>(() =>
    isInvite(path) ? { state: 'invite' } : { state: 'checking' },
  );
  const enter = useCallback(async (session: SessionInfo, welcome: string | null = null) => {
    if (session.role !== 'relative') return setGate({ state: 'out', reason: 'staffSignedIn' });
    await wipeUnlessOwnedBy(session);
    setGate({ state: 'in', session, db: new CacheDb(FAMILY_DB), welcome });
  }, []);
  useEffect(() => {
    if (gate.state !== 'checking') return;
    void fetchSession().then((s) => {
      // No answer (a train's bad coverage): open the cache of the person who used it last; the
      // engine connects when it can and logs out if the server says the session is over.
      const known = s === 'offline' ? lastUser() : s;
      return known ? enter(known) : setGate({ state: 'out', reason: null });
    });
  }, [gate.state, enter]);
  const leave = useCallback(async (reason: LoggedOutReason, endSession = true) => {
    setGate({ state: 'out', reason });
    if (endSession) await logoutRequest();
    await wipeUnlessOwnedBy(null);
  }, []);

  const dismissWelcome = useCallback(
    () => setGate((g) => (g.state === 'in' ? { ...g, welcome: null } : g)),
    [],
  );

  if (gate.state === 'checking') return null;
  if (gate.state === 'invite') return <Invite onAccepted={(s, u) => void enter(s, u)} />;
  if (gate.state === 'out')
    return <LoginPage reason={gate.reason} onLoggedIn={(s) => void enter(s)} />;
  return (
    <SignedIn
      session={gate.session}
      db={gate.db}
      welcome={gate.welcome}
      dismissWelcome={dismissWelcome}
      leave={leave}
    />
  );
}

function Invite({ onAccepted }: { onAccepted: (s: SessionInfo, username: string) => void }) {
  const w = useWords(familyWords);
  return (
    <main className="family family-login" id="main">
      <div className="family-login-top">
        <p className="family-app-name">{w.appName}</p>
        <LangSwitch />
      </div>
      <AcceptPage
        w={w}
        onAccepted={(session, username) => {
          // The link is used up: neither the address bar nor the history keeps it.
          window.history.replaceState(null, '', `${BASE}/`);
          onAccepted(session, username);
        }}
      />
    </main>
  );
}

function SignedIn({
  session,
  db,
  welcome,
  dismissWelcome,
  leave,
}: {
  session: SessionInfo;
  db: CacheDb;
  welcome: string | null;
  dismissWelcome: () => void;
  leave: (reason: LoggedOutReason, endSession?: boolean) => Promise<void>;
}) {
  const { engine, status } = useSync(db, 'cookie');
  // The server ended this session (access removed, account disabled, expired): out at once.
  useEffect(() => {
    if (status?.state === 'unauthorized') void leave('ended');
  }, [status?.state, leave]);
  // The cookie is the browser's: a staff login in another tab makes the next connection a staff
  // one, whose changes must not stay in a relative's cache: out and wiped at once (the staff
  // member's session is theirs, not ended from here).
  const role = status?.role ?? null;
  useEffect(() => {
    if (role !== null && role !== 'relative') void leave('staffSignedIn', false);
  }, [role, leave]);
  const env = useMemo<FamilyEnv | null>(
    () =>
      engine && {
        ...signedInEnv(engine, db, status, session, () => leave('loggedOut')),
        welcome,
        dismissWelcome,
      },
    [engine, status, db, session, leave, welcome, dismissWelcome],
  );
  if (!env) return null;
  return (
    <FamilyEnvProvider env={env}>
      <FamilyRouter>
        <FamilyRoutes />
      </FamilyRouter>
    </FamilyEnvProvider>
  );
}

/**
 * The frame and the page for the router's address (also what the test helper renders; `page`
 * puts something else inside the frame instead).
 */
export function FamilyRoutes({ page }: { page?: ReactNode }) {
  return (
    <ResidentProvider>
      <Layout>
        {page ?? (
          <Switch>
            {pages.map((p) => (
              <Route key={p.path} path={p.path} component={p.component} />
            ))}
            <Route component={NotFound} />
          </Switch>
        )}
      </Layout>
    </ResidentProvider>
  );
}
