/**
 * "Tilføj til min kalender": the shown resident's private calendar address (GET /ical/…, made by
 * `feed.create`), as one obvious button. The token is made here in the browser and kept only in
 * this browser (feed-address.ts), since the server keeps only its hash; the address is then shown
 * with a button for Apple's calendars (webcal://), one for Google Calendar, and "Kopiér adressen".
 * An address made elsewhere (another phone) cannot be shown again: the page says so plainly and
 * offers a new one, which stops the old one (asked first). Without the resident's consent for the
 * calendar, it says so and offers nothing.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useRef, useState } from 'react';
import type { Feed } from '../../../domain/model.js';
import { dayOf } from '../../../domain/rules/days.js';
import { useToday } from '../../shared/data/hooks.js';
import { useFamily } from '../shell/family-env.js';
import { clockOf, dayNear } from '../shell/format.js';
import { useLang, useWords } from '../shell/lang.js';
import { useShownResident } from '../shell/resident.js';
import { useSend } from '../shell/send.js';
import { fill } from '../words.js';
import {
  addressLinks,
  heldAddress,
  holdAddress,
  newFeedId,
  newFeedToken,
  type HeldAddress,
} from './feed-address.js';
import { calendarWords } from './words.js';
import './calendar.css';

export type CalendarView =
  | { kind: 'noConsent' }
  /** This browser holds the address; `saving`: the server has not confirmed it yet. */
  | { kind: 'ready'; held: HeldAddress; saving: boolean }
  /** A live address exists that this browser does not hold. */
  | { kind: 'elsewhere'; feed: Feed }
  /** No live address; `stopped`: the one this browser held was stopped. */
  | { kind: 'none'; stopped: boolean };

/** What to show, from the consent, what this browser holds and the relative's `feed` rows. */
export function calendarView(
  consentGiven: boolean,
  held: HeldAddress | null,
  mine: readonly Feed[],
): CalendarView {
  if (!consentGiven) return { kind: 'noConsent' };
  const row = held ? mine.find((f) => f.id === held.feedId) : undefined;
  if (held && row?.revokedAt === null) return { kind: 'ready', held, saving: false };
  // Sent but not back from the server yet (or just applied, before the next pull).
  if (held && !row) return { kind: 'ready', held, saving: true };
  const live = mine
    .filter((f) => f.revokedAt === null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (live) return { kind: 'elsewhere', feed: live };
  return { kind: 'none', stopped: held !== null };
}

export function CalendarPage() {
  const w = useWords(calendarWords);
  const { db, me } = useFamily();
  const resident = useShownResident();
  const send = useSend();
  const [held, setHeld] = useState(() => heldAddress(me.userId, resident.id));
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    setHeld(heldAddress(me.userId, resident.id));
    setAsking(false);
  }, [me.userId, resident.id]);
  const mine = useLiveQuery(
    () =>
      db.feed
        .where('residentId')
        .equals(resident.id)
        .filter((f) => f.userId === me.userId)
        .toArray(),
    [db, resident.id, me.userId],
  );
  const name = resident.displayName;

  const make = async (): Promise<void> => {
    const address = { feedId: newFeedId(), token: newFeedToken() };
    // Kept before it is sent: the token exists nowhere else.
    holdAddress(me.userId, resident.id, address);
    setHeld(address);
    setAsking(false);
    await send('feed.create', { ...address, residentId: resident.id });
  };

  if (mine === undefined) return <h1>{w.title}</h1>;
  const view = calendarView(resident.consent.calendar.given, held, mine);
  return (
    <>
      <h1>{w.title}</h1>
      <p>{fill(w.intro, { name })}</p>
      {view.kind === 'noConsent' ? (
        <p className="family-info">{fill(w.noConsent, { name })}</p>
      ) : view.kind === 'ready' ? (
        <Address held={view.held} saving={view.saving} name={name} />
      ) : view.kind === 'elsewhere' ? (
        <Elsewhere feed={view.feed} name={name} />
      ) : (
        <>
          {view.stopped && <p className="family-info">{fill(w.stopped, { name })}</p>}
          <p>{fill(w.what, { name })}</p>
          <button type="button" className="family-button" onClick={() => void make()}>
            {w.add}
          </button>
        </>
      )}
      {(view.kind === 'ready' || view.kind === 'elsewhere') && (
        <NewAddress asking={asking} setAsking={setAsking} onConfirm={make} />
      )}
    </>
  );
}

function Elsewhere({ feed, name }: { feed: Feed; name: string }) {
  const w = useWords(calendarWords);
  const lang = useLang();
  const { today, timeZone } = useToday(60_000);
  const day = dayNear(dayOf(feed.createdAt, timeZone), today, lang);
  const when = `${day} ${clockOf(feed.createdAt, timeZone, lang)}`;
  return (
    <div className="family-info family-calendar-elsewhere">
      <p>{fill(w.elsewhere, { name, when })}</p>
      <p>{w.elsewhereHelp}</p>
    </div>
  );
}

function Address({ held, saving, name }: { held: HeldAddress; saving: boolean; name: string }) {
  const w = useWords(calendarWords);
  const links = addressLinks(window.location, held.token);
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const headingId = useId();
  const fieldId = useId();
  const copy = async (): Promise<void> => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(links.https);
      setCopied('yes');
    } catch {
      // Over plain http a phone has no clipboard API: select the text so a long press copies it.
      input.current?.select();
      setCopied('failed');
    }
  };
  return (
    <section className="family-card family-calendar" aria-labelledby={headingId}>
      <h2 id={headingId}>{fill(w.ready, { name })}</h2>
      {saving && <p className="family-info">{w.saving}</p>}
      <p>{w.how}</p>
      <div className="family-calendar-actions">
        <a className="family-button" href={links.webcal}>
          {w.iphone}
        </a>
        <a className="family-button" href={links.google} target="_blank" rel="noopener noreferrer">
          {w.google}
        </a>
        <button
          type="button"
          className="family-button family-button-quiet"
          onClick={() => void copy()}
        >
          {w.copy}
        </button>
      </div>
      <p role="status" className={copied === 'yes' ? 'family-success' : undefined}>
        {copied === 'yes' ? w.copied : copied === 'failed' ? w.copyFailed : ''}
      </p>
      <div className="family-field">
        <label htmlFor={fieldId}>{w.address}</label>
        <input
          id={fieldId}
          ref={input}
          readOnly
          value={links.https}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <p className="family-meta">{fill(w.private, { name })}</p>
    </section>
  );
}

function NewAddress({
  asking,
  setAsking,
  onConfirm,
}: {
  asking: boolean;
  setAsking: (v: boolean) => void;
  onConfirm: () => Promise<void>;
}) {
  const w = useWords(calendarWords);
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (asking) heading.current?.focus();
  }, [asking]);
  if (!asking)
    return (
      <button
        type="button"
        className="family-button family-button-quiet family-calendar-new"
        onClick={() => setAsking(true)}
      >
        {w.newAddress}
      </button>
    );
  return (
    <section className="family-card family-calendar-confirm" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {w.confirmTitle}
      </h2>
      <p>{w.confirmBody}</p>
      <div className="family-calendar-actions">
        <button type="button" className="family-button" onClick={() => void onConfirm()}>
          {w.confirmYes}
        </button>
        <button
          type="button"
          className="family-button family-button-quiet"
          onClick={() => setAsking(false)}
        >
          {w.confirmNo}
        </button>
      </div>
    </section>
  );
}
