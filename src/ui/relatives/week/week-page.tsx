/**
 * The resident's week on the relatives' phone page, the landing page: today first, then the next
 * six days ("Forrige uge / Næste uge" page by whole weeks). Reads the cache only, in one live
 * query, so a day never shows half of what it holds; acting on the resident's behalf (sign up,
 * cancel, answer a meal) is offered only where staff allow it (`relativesMayAct`), is always
 * asked first, and goes through the outbox: the item says "Sendes, når der er forbindelse" until
 * the server has it, and a refusal from the rejections table says why on the item.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import {
  mealAnswersOfResident,
  overlayBookings,
  overlayMealAttendance,
  overlaySignUps,
  signUpsOfResident,
} from '../../../client/index.js';
import { addDaysToDate, dayBounds } from '../../../domain/rules/days.js';
import { useOnline, useToday } from '../../shared/data/hooks.js';
import { useFamily } from '../shell/family-env.js';
import { useLang, useWords } from '../shell/lang.js';
import { useShownResident } from '../shell/resident.js';
import { useSend } from '../shell/send.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { DaySection, titleIdOf, type Ask } from './day-section.js';
import { dayInSentence, fill, firstName, possessive, whenInSentence, type Lang } from './format.js';
import { buildWeek, firstDayOf, relativesMayAct, type WeekRows } from './week-model.js';
import { weekWords, type WeekWords } from './words.js';
import './week.css';

const DAYS = 7;
/** How far the week buttons go: what a relative plans around, and what the cache holds. */
const WEEKS_BACK = 1;
const WEEKS_AHEAD = 4;
const DAY_MS = 86_400_000;
/** How long after an act the page may still move focus back to the item. */
const REFOCUS_MS = 3000;

export function WeekPage() {
  const w = useWords(weekWords);
  const lang = useLang();
  const { db, actions } = useFamily();
  const send = useSend();
  const resident = useShownResident();
  const residentId = resident.id;
  const { now, today, timeZone } = useToday(30_000);
  const online = useOnline();
  const [offset, setOffset] = useState(0);
  const [ask, setAsk] = useState<Ask | null>(null);
  const from = firstDayOf(today, offset);
  const last = addDaysToDate(from, DAYS - 1);

  const rows = useLiveQuery(async (): Promise<Omit<WeekRows, 'resident'> & { for: string }> => {
    const lo = dayBounds(from, timeZone).start.getTime() - DAY_MS;
    const hi = dayBounds(last, timeZone).end.getTime() + DAY_MS;
    const [outbox, dayItems, activities, bookings, resources, meals, rejections] =
      await Promise.all([
        db.outbox.toArray(),
        db.dayitem.where('date').between(from, last, true, true).toArray(),
        // Widened by a day each way, then placed by the centre-local day of each start.
        db.activity
          .where('start')
          .between(new Date(lo).toISOString(), new Date(hi).toISOString())
          .toArray(),
        db.booking
          .where('start')
          .between(new Date(lo).toISOString(), new Date(hi).toISOString())
          .toArray(),
        db.resource.toArray(),
        db.meal.where('date').between(from, last, true, true).toArray(),
        db.rejections.toArray(),
      ]);
    // The resident's own sign-ups and answers for this week's activities and meals.
    const [signups, answers] = await Promise.all([
      signUpsOfResident(
        db,
        residentId,
        activities.map((a) => a.id),
      ),
      mealAnswersOfResident(
        db,
        residentId,
        meals.map((m) => m.id),
      ),
    ]);
    return {
      for: residentId,
      dayItems,
      activities,
      signups: overlaySignUps(signups, outbox, { residentId }),
      bookings: overlayBookings(bookings, outbox, { residentId }),
      resources,
      meals,
      attendance: overlayMealAttendance(answers, outbox, { residentId }),
      rejections,
    };
  }, [db, residentId, from, last, timeZone]);
  // After a confirmed act, back to the item acted on when the button that asked has gone with
  // the change ("Tilmeld" becomes "Afmeld"); React Aria returns focus to it while it is there.
  // Kept for a moment, since other cache changes may come before the one that removes the button.
  const refocus = useRef<{ key: string; until: number } | null>(null);
  useEffect(() => {
    const wanted = refocus.current;
    if (wanted === null) return;
    if (performance.now() > wanted.until) {
      refocus.current = null;
      return;
    }
    const active = document.activeElement;
    if (active && active !== document.body) return;
    refocus.current = null;
    document.getElementById(titleIdOf(wanted.key))?.focus();
  }, [rows]);
  // The switcher chose someone else: their week starts at today again.
  const [shownFor, setShownFor] = useState(residentId);
  if (shownFor !== residentId) {
    setShownFor(residentId);
    setOffset(0);
    setAsk(null);
  }

  const name = firstName(resident.displayName);
  const names = { name, owner: possessive(name, lang) };
  const heading = <h1 className="week-heading">{fill(w.title, names)}</h1>;
  // Still loading, or still the rows of the resident shown before the switch.
  if (!rows || rows.for !== residentId)
    return (
      <div className="week">
        {heading}
        <p className="week-loading">{w.loading}</p>
      </div>
    );

  const mayAct = relativesMayAct(resident);
  const days = buildWeek({ ...rows, resident }, from, DAYS, { now, timeZone, today });

  const answer = async (a: Ask) => {
    setAsk(null);
    refocus.current = { key: a.entry.key, until: performance.now() + REFOCUS_MS };
    // A new try replaces the refusal it answers: the old "Holdet er fuldt" goes.
    const refusal = a.entry.refusal;
    if (refusal) await actions.dismissRejection(refusal.id);
    if (a.kind === 'meal')
      await send('meal.attend', {
        mealId: a.entry.meal.id,
        residentId,
        attending: a.attending,
      });
    else
      await send(a.kind === 'signup' ? 'signup.add' : 'signup.cancel', {
        activityId: a.entry.activity.id,
        residentId,
      });
  };

  return (
    <div className="week">
      {heading}
      {!mayAct && <p className="week-readonly">{fill(w.act.readOnly, names)}</p>}
      <WeekNav offset={offset} setOffset={setOffset} w={w} />
      {days.map((day) => (
        <DaySection
          key={day.date}
          day={day}
          today={today}
          w={w}
          lang={lang}
          names={names}
          mayAct={mayAct}
          online={online}
          onAsk={setAsk}
          onDismiss={(id) => void actions.dismissRejection(id)}
        />
      ))}
      {ask && (
        <ConfirmDialog
          question={question(ask, w, lang, today, names.name)}
          w={w}
          onYes={() => void answer(ask)}
          onNo={() => setAsk(null)}
        />
      )}
    </div>
  );
}

function question(a: Ask, w: WeekWords, lang: Lang, today: string, name: string): string {
  if (a.kind === 'meal') {
    const meal = w.meals.slots[a.entry.slot].toLocaleLowerCase();
    const when = dayInSentence(a.entry.meal.date, today, w, lang);
    return fill(a.attending ? w.confirm.eatYes : w.confirm.eatNo, { name, meal, when });
  }
  const e = a.entry;
  const when = whenInSentence(a.date, e.start, today, w, lang);
  const text =
    a.kind === 'cancel'
      ? w.confirm.cancel
      : e.joinWaits
        ? w.confirm.joinWaitlist
        : w.confirm.signUp;
  return fill(text, { name, owner: possessive(name, lang), title: e.title, when });
}

function WeekNav(props: { offset: number; setOffset: (n: number) => void; w: WeekWords }) {
  const { offset, setOffset, w } = props;
  return (
    <nav className="week-nav" aria-label={w.weekNav}>
      {offset > -WEEKS_BACK && (
        <button type="button" className="week-button" onClick={() => setOffset(offset - 1)}>
          {w.prevWeek}
        </button>
      )}
      {offset !== 0 && (
        <button type="button" className="week-button" onClick={() => setOffset(0)}>
          {w.backToToday}
        </button>
      )}
      {offset < WEEKS_AHEAD && (
        <button type="button" className="week-button" onClick={() => setOffset(offset + 1)}>
          {w.nextWeek}
        </button>
      )}
    </nav>
  );
}
