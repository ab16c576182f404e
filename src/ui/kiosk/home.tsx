/**
 * Home: the centre, the clock and today's date in the centre's time zone, the connection line,
 * and today's activities (tomorrow's once today's are over), all read from the cache (useLiveQuery) with the outbox laid over it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { overlaySignUps, type SyncEngine, type SyncStatus } from '../../client/index.js';
import type { Activity, Resident } from '../../domain/model.js';
import { addDaysToDate, dayBounds, dayOf } from '../../domain/rules/days.js';
import { ActivityCard } from './activity-card.js';
import { Rejections } from './rejections.js';
import { SignUpDialog } from './signup-dialog.js';
import { StatusLine } from './status-line.js';
import { db, useNow } from './use-sync.js';
import { clockOf, dateInWords } from './words.js';

const DEFAULT_ZONE = 'Europe/Copenhagen';
const DAY_MS = 24 * 3600_000;

const mayJoin = (a: Activity, r: Resident): boolean =>
  a.audience.kind === 'all' || a.audience.groupIds.some((g) => r.groupIds.includes(g));

export function Home({ engine, status }: { engine: SyncEngine; status: SyncStatus | null }) {
  const now = useNow();
  const [openId, setOpenId] = useState<string | null>(null);
  const centre = useLiveQuery(() => db.centre.toCollection().first(), []);
  const timeZone = centre?.timeZone ?? DEFAULT_ZONE;
  const today = dayOf(now, timeZone);

  const tomorrow = addDaysToDate(today, 1);
  const day = useLiveQuery(async () => {
    // Today and tomorrow: tomorrow is shown once nothing is left to join today (an evening).
    const { start } = dayBounds(today, timeZone);
    const { end } = dayBounds(tomorrow, timeZone);
    // Widen the index range a day each way, then compare instants: robust to how an instant
    // string is spelled (with or without milliseconds).
    const lo = new Date(start.getTime() - DAY_MS).toISOString();
    const hi = new Date(end.getTime() + DAY_MS).toISOString();
    const activities = (await db.activity.where('start').between(lo, hi, true, true).toArray())
      .filter((a) => Date.parse(a.start) >= start.getTime() && Date.parse(a.start) < end.getTime())
      .sort(
        (a, b) => Date.parse(a.start) - Date.parse(b.start) || a.title.localeCompare(b.title, 'da'),
      );
    const signups = await db.signup
      .where('activityId')
      .anyOf(activities.map((a) => a.id))
      .toArray();
    return { activities, signups };
  }, [today, tomorrow, timeZone]);
  const residentList = useLiveQuery(() => db.resident.toArray(), []);
  const outbox = useLiveQuery(() => db.outbox.toArray(), []);
  const rejections = useLiveQuery(() => db.rejections.orderBy('at').toArray(), []);

  const residents = new Map((residentList ?? []).map((r) => [r.id, r]));
  const all = day?.activities ?? [];
  const todays = all.filter((a) => dayOf(a.start, timeZone) === today);
  const laterToday = todays.some((a) => Date.parse(a.start) > now.getTime());
  const showTomorrow = !laterToday && all.length > todays.length;
  const activities = showTomorrow
    ? all.filter((a) => dayOf(a.start, timeZone) === tomorrow)
    : todays;
  const overlaid = overlaySignUps(day?.signups ?? [], outbox ?? []);
  const signupsOf = (id: string) => overlaid.filter((s) => s.activityId === id);
  const online = status?.state === 'online';
  const open = activities.find((a) => a.id === openId);

  return (
    <div className="frame">
      <header className="top">
        <div className="top-row">
          <p className="centre">{centre?.name ?? 'Borgerguide'}</p>
          <p className="clock">
            <span className="kl">kl.</span>
            {clockOf(now, timeZone)}
          </p>
        </div>
        <h1 className="date">I dag er det {dateInWords(today)}</h1>
        <StatusLine status={status} timeZone={timeZone} now={now} />
      </header>
      <main>
        <Rejections
          rejections={rejections ?? []}
          activities={new Map(activities.map((a) => [a.id, a]))}
          residents={residents}
          dismiss={(id) => void engine.dismissRejection(id)}
        />
        <h2>{showTomorrow ? 'Aktiviteter i morgen' : 'Aktiviteter i dag'}</h2>
        {showTomorrow && <p className="empty">Dagens aktiviteter er slut.</p>}
        {day === undefined ? null : activities.length === 0 ? (
          <p className="empty">
            {status?.lastSyncedAt
              ? 'Der er ingen aktiviteter i dag.'
              : 'Skærmen henter dagens aktiviteter.'}
          </p>
        ) : (
          <ul className="activities">
            {activities.map((a) => (
              <li key={a.id}>
                <ActivityCard
                  activity={a}
                  timeZone={timeZone}
                  now={now}
                  signups={signupsOf(a.id)}
                  residents={residents}
                  online={online}
                  onSignUp={() => setOpenId(a.id)}
                />
              </li>
            ))}
          </ul>
        )}
        {open && (
          <SignUpDialog
            activity={open}
            timeZone={timeZone}
            residents={[...residents.values()]
              .filter((r) => mayJoin(open, r))
              .sort((a, b) => a.displayName.localeCompare(b.displayName, 'da'))}
            signups={signupsOf(open.id)}
            rejections={rejections ?? []}
            online={online}
            signUp={(residentId) =>
              engine.mutate('signup.add', { activityId: open.id, residentId })
            }
            dismissRejection={(id) => void engine.dismissRejection(id)}
            onClose={() => setOpenId(null)}
          />
        )}
      </main>
    </div>
  );
}
