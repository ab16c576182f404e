/**
 * Activities: today and the coming days, each activity with its places left, who is signed up
 * and a big "Tilmeld". Signing up and cancelling go through the resident's photo and a confirm,
 * then the outbox; the card shows the result at once from the optimistic overlay, and an undo is
 * offered in the frame.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { overlaySignUps, signUpsOfActivities, type Rejection } from '../../../client/index.js';
import type { Activity, Resident } from '../../../domain/model.js';
import { dayBounds, dayOf } from '../../../domain/rules/days.js';
import { useWallResidentMap, useWallResidents } from '../data/hooks.js';
import { useOnline, useRejections, useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { firstName } from '../shared/avatar.js';
import { Pager } from '../shared/pager.js';
import { Pictogram } from '../shared/pictogram.js';
import { useKiosk } from '../state/store.js';
import { clockOf, weekdayName } from '../time/format.js';
import { resultText, stateOf } from './activity-state.js';
import { ActivityCard } from './activity-card.js';
import {
  dayHeading,
  dayInSentence,
  dayLabel,
  DayChoice,
  useDayWords,
  weekFrom,
} from '../shared/day-choice.js';
import { ConfirmStep, PickStep, type Flow } from './sign-up-flow.js';
import './activities.css';

const DAY_MS = 86_400_000;

export function ActivitiesScreen() {
  const { t } = useTranslation('activities');
  const { t: c } = useTranslation();
  const { db, actions, settings, clock } = useEnv();
  const { now, today, tomorrow, timeZone } = useToday();
  const online = useOnline();
  const wall = useWallResidentMap();
  const residents = useWallResidents();
  const rejections = useRejections();
  const offerUndo = useKiosk((s) => s.offerUndo);
  const words = useDayWords(today, tomorrow, settings.lang);
  const [chosen, setChosen] = useState<string | null>(null);
  const [flow, setFlow] = useState<Flow | null>(null);
  const [recent, setRecent] = useState<ReadonlySet<string>>(new Set());
  const days = weekFrom(today);
  // Like Home: once nothing is left to join today (an evening), the screen opens on tomorrow.
  const todayOver = useLiveQuery(async () => {
    const lo = dayBounds(today, timeZone).start.getTime();
    const mid = dayBounds(tomorrow, timeZone).start.getTime();
    const hi = dayBounds(tomorrow, timeZone).end.getTime();
    const rows = await db.activity
      .where('start')
      .between(new Date(lo - DAY_MS).toISOString(), new Date(hi + DAY_MS).toISOString())
      .toArray();
    const starts = (a: Activity, from: number, to: number) =>
      Date.parse(a.start) >= from && Date.parse(a.start) < to;
    return (
      !rows.some((a) => starts(a, lo, mid) && Date.parse(a.end) > now.getTime()) &&
      rows.some((a) => starts(a, mid, hi))
    );
  }, [db, today, tomorrow, timeZone, Math.floor(now.getTime() / 60_000)]);
  // Reached from an activity on Home: its day, and its sign-up open when it can be joined now
  // (issue 11: Home to signed up in 3 taps). Used once, then cleared.
  const focus = useKiosk((s) => s.focus);
  useEffect(() => {
    if (focus === null) return;
    let live = true;
    void db.activity.get(focus).then((a) => {
      if (!live) return;
      useKiosk.setState({ focus: null });
      if (!a) return;
      setChosen(dayOf(a.start, timeZone));
      if (stateOf(a, clock.now()).closed === null)
        setFlow({ step: 'pick', activityId: a.id, mode: 'add' });
    });
    return () => {
      live = false;
    };
  }, [focus, db, timeZone, clock]);
  // A day chosen before midnight that has since left the week falls back to the default.
  const day = chosen !== null && days.includes(chosen) ? chosen : todayOver ? tomorrow : today;

  // One query for the day's activities, their sign-ups and the outbox, so a card never shows
  // half of it.
  const loaded = useLiveQuery(async () => {
    const { start, end } = dayBounds(day, timeZone);
    // Widened by a day each way, then compared as instants (robust to how a string is spelled).
    const rows = await db.activity
      .where('start')
      .between(
        new Date(start.getTime() - DAY_MS).toISOString(),
        new Date(end.getTime() + DAY_MS).toISOString(),
      )
      .toArray();
    const list = rows
      .filter((a) => Date.parse(a.start) >= start.getTime() && Date.parse(a.start) < end.getTime())
      .sort(
        (a, b) => Date.parse(a.start) - Date.parse(b.start) || a.title.localeCompare(b.title, 'da'),
      );
    const ids = list.map((a) => a.id);
    const signups = overlaySignUps(
      await signUpsOfActivities(db, ids),
      await db.outbox.toArray(),
    ).filter((s) => ids.includes(s.activityId));
    return { day, list, signups };
  }, [db, day, timeZone]);
  // Tagged with its day: after a tap on another day, the old day's list never shows under it.
  const data = loaded?.day === day ? loaded : undefined;

  const activityOf = (id: string): Activity | undefined => data?.list.find((a) => a.id === id);
  const signupsOf = (id: string) => data?.signups.filter((s) => s.activityId === id) ?? [];
  const when = (a: Activity) =>
    `${dayLabel(dayOf(a.start, timeZone), words)} ${c('fromTo', {
      from: clockOf(a.start, timeZone, settings.lang),
      to: clockOf(a.end, timeZone, settings.lang),
    })}`;
  const remember = (residentId: string) => setRecent((s) => new Set([...s, residentId]));
  const undoAt = () => clock.now().getTime();

  const add = async (a: Activity, r: Resident, waitlist: boolean) => {
    setFlow(null);
    remember(r.id);
    const args = { activityId: a.id, residentId: r.id };
    const id = await actions.mutate('signup.add', args);
    const name = firstName(r.displayName);
    // The undo bar adds "Sendes …" while the mutation is in the outbox, as the card does.
    offerUndo(
      {
        id,
        text: resultText(
          { name, title: a.title, kind: waitlist ? 'waitlisted' : 'confirmed', sending: null },
          t,
          c,
        ),
        pictogram: a.pictogram,
        undo: () => void actions.mutate('signup.cancel', args),
      },
      undoAt(),
    );
  };

  const cancel = async (a: Activity, r: Resident) => {
    setFlow(null);
    remember(r.id);
    const args = { activityId: a.id, residentId: r.id };
    const id = await actions.mutate('signup.cancel', args);
    offerUndo(
      {
        id,
        text: resultText(
          { name: firstName(r.displayName), title: a.title, kind: 'cancelled', sending: null },
          t,
          c,
        ),
        pictogram: a.pictogram,
        undo: () => void actions.mutate('signup.add', args),
      },
      undoAt(),
    );
  };

  const retryWaitlist = async (r: Rejection, resident: Resident) => {
    const a = activityOf(String(r.args.activityId));
    await actions.dismissRejection(r.id);
    if (a) await add(a, resident, true);
  };

  const empty =
    day === today
      ? t('noneToday')
      : day === tomorrow
        ? t('noneTomorrow')
        : t('noneOn', { weekday: weekdayName(day, settings.lang) });

  return (
    <div className="activities">
      <h1 className="screen-title">
        <Pictogram name="activities" fallback="activity" />
        <span>{t('title')}</span>
      </h1>
      <DayChoice
        days={days}
        selected={day}
        onSelect={setChosen}
        words={words}
        label={t('chooseDay')}
      />
      <h2 className="activities-day">{dayHeading(day, words)}</h2>
      {data === undefined ? null : data.list.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        // One screen-full at a time: the day's cards never need a scroll (pager.tsx).
        <Pager
          listClassName="list activities-list"
          resetKey={day}
          items={data.list.map((a) => ({
            key: a.id,
            node: (
              <ActivityCard
                activity={a}
                signups={signupsOf(a.id)}
                rejections={rejections.filter(
                  (r) =>
                    (r.name === 'signup.add' || r.name === 'signup.cancel') &&
                    r.args.activityId === a.id,
                )}
                wall={wall}
                recent={recent}
                now={now}
                timeZone={timeZone}
                lang={settings.lang}
                online={online}
                spokenDay={dayLabel(day, words)}
                deadlineDay={(instant) => dayInSentence(dayOf(instant, timeZone), words)}
                onSignUp={() => setFlow({ step: 'pick', activityId: a.id, mode: 'add' })}
                onCancel={() => setFlow({ step: 'pick', activityId: a.id, mode: 'cancel' })}
                onRetryWaitlist={(r, resident) => void retryWaitlist(r, resident)}
                onDismiss={(id) => void actions.dismissRejection(id)}
              />
            ),
          }))}
        />
      )}
      {renderFlow()}
    </div>
  );

  // A plain function, not a component: a component declared in here would remount every render.
  function renderFlow() {
    if (!flow) return null;
    const a = activityOf(flow.activityId);
    if (!a) return null;
    if (flow.step === 'pick') {
      return (
        <PickStep
          activity={a}
          mode={flow.mode}
          residents={residents ?? []}
          signups={signupsOf(a.id)}
          onPick={(r) => setFlow({ step: 'confirm', activityId: a.id, residentId: r.id })}
          onClose={() => setFlow(null)}
        />
      );
    }
    const r = wall.get(flow.residentId);
    if (!r) return null;
    return (
      <ConfirmStep
        activity={a}
        resident={r}
        signup={signupsOf(a.id).find((s) => s.residentId === r.id)}
        state={stateOf(a, now, signupsOf(a.id))}
        when={when(a)}
        onAdd={(waitlist) => void add(a, r, waitlist)}
        onCancel={() => void cancel(a, r)}
        onClose={() => setFlow(null)}
      />
    );
  }
}
