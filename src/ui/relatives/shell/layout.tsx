/**
 * The frame around every relatives' page: a skip link; at the top whose life this is ("Du ser:
 * Anna Jensen" with her photo) and, for a relative of several, "Skift person"; the connection
 * line when it matters; the once-only welcome after an invitation; refusals; the page; and the
 * navigation at the bottom (few, big entries, always in reach of a thumb).
 */
import { useId, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import type { Resident } from '../../../domain/model.js';
import { useRejections } from '../../shared/data/hooks.js';
import { pages, type FamilyPage } from '../pages.js';
import { fill } from '../words.js';
import { ConnectionLine } from './connection-line.js';
import { useFamily } from './family-env.js';
import { useWords } from './lang.js';
import { NavIcon, type NavKey } from './nav-icons.js';
import { useResident } from './resident.js';
import { useNotices } from './send.js';
import { shellWords } from './words.js';
import './shell.css';

type Words = (typeof shellWords)['da'];

/** The navigation's entries: the first page per nav key, in the order of `pages`. */
export function navEntries(): (FamilyPage & { nav: NavKey })[] {
  const seen = new Set<string>();
  return pages.filter((p): p is FamilyPage & { nav: NavKey } => {
    if (!p.nav || seen.has(p.nav)) return false;
    seen.add(p.nav);
    return true;
  });
}

/** Pages about the relative's own account, shown also while there is no resident to show. */
const ACCOUNT_PAGES = new Set(['/more', '/password']);

/** Pages reached from "Mere": its entry stays marked on them. */
const UNDER_MORE = ['/duty', '/password'];

const isCurrent = (path: string, location: string): boolean =>
  path === '/'
    ? location === '/'
    : location === path ||
      location.startsWith(`${path}/`) ||
      (path === '/more' && UNDER_MORE.includes(location));

export function ResidentPhoto({ resident, size }: { resident: Resident; size: 'big' | 'small' }) {
  const cls = `family-photo family-photo-${size}`;
  if (resident.photo) return <img className={cls} src={`/media/${resident.photo}`} alt="" />;
  return (
    <span className={`${cls} family-photo-initial`} aria-hidden="true">
      {resident.displayName.charAt(0)}
    </span>
  );
}

function WhoseWeek({ w }: { w: Words }) {
  const { resident, residents, select } = useResident();
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (!resident) return null;
  const several = (residents?.length ?? 0) > 1;
  return (
    <div className="family-whose">
      <div className="family-whose-row">
        <ResidentPhoto resident={resident} size="big" />
        <p className="family-whose-name">
          <span className="family-whose-label">{w.youSee}</span>{' '}
          <strong>{resident.displayName}</strong>
        </p>
        {several && (
          <button
            type="button"
            className="family-switch"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? w.close : w.switchResident}
          </button>
        )}
      </div>
      {several && open && (
        <div id={listId} className="family-switch-list">
          <p className="family-switch-title">{w.chooseResident}</p>
          <ul>
            {residents?.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className="family-switch-choice"
                  aria-pressed={r.id === resident.id}
                  onClick={() => {
                    select(r.id);
                    setOpen(false);
                  }}
                >
                  <ResidentPhoto resident={r} size="small" />
                  <span>{r.displayName}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function Welcome({ w }: { w: Words }) {
  const { welcome, dismissWelcome } = useFamily();
  const id = useId();
  if (welcome === null) return null;
  return (
    <section className="family-welcome" aria-labelledby={id}>
      <h2 id={id}>{w.welcome.title}</h2>
      <p>{fill(w.welcome.username, { username: welcome })}</p>
      <button type="button" className="family-button" onClick={dismissWelcome}>
        {w.welcome.ok}
      </button>
    </section>
  );
}

function Refusals({ w }: { w: Words }) {
  const { actions } = useFamily();
  const [location] = useLocation();
  const own = pages.find((p) => p.path === location)?.ownRefusals ?? [];
  const rejections = useRejections().filter((r) => !own.includes(r.name));
  if (rejections.length === 0) return null;
  return (
    <div role="alert">
      {rejections.map((r) => (
        <div key={r.id} className="family-problem family-refusal">
          <p>{fill(w.send.refused, { why: w.send.because[r.code] })}</p>
          <button
            type="button"
            className="family-button family-button-quiet"
            onClick={() => void actions.dismissRejection(r.id)}
          >
            {w.send.dismiss}
          </button>
        </div>
      ))}
    </div>
  );
}

function Notices() {
  const list = useNotices((s) => s.list);
  return (
    <div className="family-notices" role="status" aria-live="polite">
      {list.map((n) => (
        <p key={n.id} className={`family-notice family-notice-${n.kind}`}>
          {n.text}
        </p>
      ))}
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const w = useWords(shellWords);
  const [location] = useLocation();
  const { resident, residents } = useResident();
  const { status } = useFamily();
  return (
    <div className="family-shell">
      <a className="family-skip" href="#main">
        {w.skip}
      </a>
      <header className="family-header">
        <WhoseWeek w={w} />
      </header>
      <ConnectionLine />
      <main id="main" className="family" tabIndex={-1}>
        <Welcome w={w} />
        <Refusals w={w} />
        {resident || ACCOUNT_PAGES.has(location) ? (
          children
        ) : residents === undefined || !status?.lastSyncedAt ? (
          // Every state of a page has its level-one heading (a screen reader's first stop).
          <h1 className="family-state">{w.loading}</h1>
        ) : (
          <>
            <h1 className="family-state">{w.appName}</h1>
            <p>{w.noResidents}</p>
          </>
        )}
      </main>
      <Notices />
      <nav className="family-nav" aria-label={w.nav.label}>
        <ul>
          {navEntries().map((p) => (
            <li key={p.nav}>
              <Link
                href={p.path}
                className="family-nav-link"
                {...(isCurrent(p.path, location) ? { 'aria-current': 'page' as const } : {})}
              >
                <NavIcon name={p.nav} />
                <span>{w.nav[p.nav]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
