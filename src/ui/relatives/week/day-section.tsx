/**
 * One day of the week: a heading ("I dag · tirsdag 1. december"), the day as a vertical time line
 * (day structure, activities, bookings) and the day's meals. Renders only what week-model derived;
 * every act goes up as an `Ask`, which the page confirms before anything is sent.
 */
import type { ReactNode } from 'react';
import type { Rejection } from '../../../client/index.js';
import { clock, dayHeading, fill, whenInSentence, type Lang } from './format.js';
import { refusalText } from './refusal.js';
import type { ActivityEntry, Entry, MealEntry, WeekDay } from './week-model.js';
import type { WeekWords } from './words.js';

export type Ask =
  | { kind: 'signup'; entry: ActivityEntry; date: string }
  | { kind: 'cancel'; entry: ActivityEntry; date: string }
  | { kind: 'meal'; entry: MealEntry; attending: boolean };

/**
 * The id of an item's title: after a confirmed act the button that opened the question may be
 * gone (Tilmeld becomes Afmeld), so the page puts focus on the item it acted on.
 */
export const titleIdOf = (key: string): string => `${key.replace(/[^A-Za-z0-9_-]/g, '-')}-title`;

export interface DayProps {
  day: WeekDay;
  today: string;
  w: WeekWords;
  lang: Lang;
  names: { name: string; owner: string };
  mayAct: boolean;
  online: boolean;
  onAsk: (ask: Ask) => void;
  onDismiss: (rejectionId: string) => void;
}

export function DaySection(p: DayProps) {
  const { day, w, lang } = p;
  const headingId = `day-${day.date}`;
  return (
    <section className="week-day" aria-labelledby={headingId}>
      <h2 id={headingId} className={day.isToday ? 'week-day-title today' : 'week-day-title'}>
        {dayHeading(day.date, p.today, w, lang)}
      </h2>
      {day.entries.length === 0 ? (
        <p className="week-empty">{w.nothing}</p>
      ) : (
        <ol className="week-line">
          {day.entries.map((e) => (
            <li
              key={e.key}
              className={`week-entry ${e.kind} ${e.tone}`}
              aria-current={e.tone === 'now' ? 'time' : undefined}
            >
              <p className="week-time">
                <span>{clock(e.start, lang)}</span>
                {e.end && e.end !== e.start && (
                  <span className="week-until">–{clock(e.end, lang)}</span>
                )}
              </p>
              <div className="week-body">
                <EntryBody entry={e} date={day.date} {...p} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {day.meals.length > 0 && (
        <div className="week-meals">
          <h3>{w.meals.title}</h3>
          <ul>
            {day.meals.map((m) => (
              <li key={m.key}>
                <MealRow entry={m} {...p} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Pending({ online, w }: { online: boolean; w: WeekWords }) {
  return <p className="week-pending">{online ? w.pending.online : w.pending.offline}</p>;
}

function Refused(props: { r: Rejection } & Pick<DayProps, 'w' | 'names' | 'onDismiss'>) {
  return (
    <div className="week-refused" role="alert">
      <p>{refusalText(props.r, props.w, props.names)}</p>
      <button type="button" className="week-button" onClick={() => props.onDismiss(props.r.id)}>
        {props.w.refused.dismiss}
      </button>
    </div>
  );
}

function EntryBody(props: DayProps & { entry: Entry; date: string }) {
  const { entry: e, w } = props;
  const mark =
    e.tone === 'now' ? (
      <p className="week-mark now">{w.now}</p>
    ) : e.tone === 'past' ? (
      // Dimmed for the eye; said for a screen reader (a "Slut" badge on every morning item shouted).
      <p className="visually-hidden">{w.done}</p>
    ) : null;
  if (e.kind === 'day')
    return (
      <>
        <p className="week-title">{e.title}</p>
        {mark}
        {e.changed && <p className="week-badge changed">{w.changed}</p>}
      </>
    );
  if (e.kind === 'booking')
    return (
      <>
        <p className="week-title">{e.title}</p>
        <p className="week-badge good">{w.booked}</p>
        {e.pending && <Pending online={props.online} w={w} />}
      </>
    );
  return <ActivityBody {...props} entry={e} mark={mark} />;
}

function ActivityBody(props: DayProps & { entry: ActivityEntry; date: string; mark: ReactNode }) {
  const { entry: e, w, names, lang } = props;
  const a = w.activity;
  const titleId = titleIdOf(e.key);
  // What the server said, unless a change is still to be sent (then that is what is shown).
  const badge =
    e.pending === 'add' ? null : e.pending !== 'cancel' && e.standing === 'confirmed' ? (
      <p className="week-badge good">{a.signedUp}</p>
    ) : e.pending !== 'cancel' && e.standing === 'waitlisted' ? (
      <p className="week-badge warn">
        {e.position ? fill(a.waitlisted, { position: String(e.position) }) : a.waitlistedNoPosition}
      </p>
    ) : null;
  // On it (or about to be): places left are no longer the relative's question.
  const on = e.pending === 'add' || (e.pending !== 'cancel' && e.standing !== 'none');
  const places =
    e.places.left === null
      ? a.roomForAll
      : e.places.full
        ? e.activity.waitlist
          ? a.fullWaitlist
          : a.full
        : e.places.left === 1
          ? a.placesLeftOne
          : fill(a.placesLeftOther, { count: String(e.places.left) });
  return (
    <>
      <p className="week-title" id={titleId} tabIndex={-1}>
        {e.title}
      </p>
      {e.place && <p className="week-place">{e.place}</p>}
      {props.mark}
      {badge}
      {e.closed === 'deadline' && <p className="week-note">{a.closed.deadline}</p>}
      {!e.closed && !on && <p className="week-note">{places}</p>}
      {!e.closed && e.deadline && (
        <p className="week-note">
          {fill(a.deadline, {
            when: whenInSentence(e.deadline.date, e.deadline.time, props.today, w, lang),
          })}
        </p>
      )}
      {e.pending && <Pending online={props.online} w={w} />}
      {e.refusal && <Refused r={e.refusal} w={w} names={names} onDismiss={props.onDismiss} />}
      {props.mayAct && (e.canJoin || e.canCancel) && (
        <div className="week-actions">
          {e.canJoin && (
            <button
              type="button"
              className="week-button"
              aria-describedby={titleId}
              onClick={() => props.onAsk({ kind: 'signup', entry: e, date: props.date })}
            >
              {fill(e.joinWaits ? w.act.joinWaitlist : w.act.signUp, names)}
            </button>
          )}
          {e.canCancel && (
            <button
              type="button"
              className="week-button"
              aria-describedby={titleId}
              onClick={() => props.onAsk({ kind: 'cancel', entry: e, date: props.date })}
            >
              {fill(w.act.cancel, names)}
            </button>
          )}
        </div>
      )}
    </>
  );
}

function MealRow(props: DayProps & { entry: MealEntry }) {
  const { entry: m, w, names } = props;
  const slot = w.meals.slots[m.slot];
  const dishId = titleIdOf(m.key);
  const answer =
    m.answer === 'yes' ? w.meals.yes : m.answer === 'no' ? w.meals.no : w.meals.unanswered;
  return (
    <div className="week-meal">
      <p className="week-title" id={dishId} tabIndex={-1}>
        <span className="week-slot">{slot}:</span> {m.meal.dish}
      </p>
      {/* With the two answer buttons the pressed one says the answer; "Ikke svaret" shows only
          while it can still be answered. */}
      {m.asks && (m.answer === 'unanswered' ? !m.over : !(props.mayAct && m.answerable)) && (
        <p
          className={`week-badge ${m.answer === 'yes' ? 'good' : m.answer === 'no' ? 'plain' : 'warn'}`}
        >
          {answer}
        </p>
      )}
      {m.pending && <Pending online={props.online} w={w} />}
      {m.refusal && <Refused r={m.refusal} w={w} names={names} onDismiss={props.onDismiss} />}
      {props.mayAct && m.answerable && (
        <div className="week-actions" role="group" aria-labelledby={dishId}>
          {([true, false] as const).map((attending) => {
            const current = m.answer === (attending ? 'yes' : 'no');
            return (
              <button
                key={String(attending)}
                type="button"
                className={current ? 'week-button chosen' : 'week-button'}
                aria-pressed={current}
                onClick={() => !current && props.onAsk({ kind: 'meal', entry: m, attending })}
              >
                {attending ? w.act.eatYes : w.act.eatNo}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
