/**
 * A resident's own sign-ups and bookings for the coming week, with their state in plain words
 * ("Du er tilmeldt.", "Du er nummer 2 på ventelisten.") and what still waits to be sent. Given
 * as items of My day's one paged list (shared/pager.tsx), its heading first.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { overlayBookings, overlaySignUps, signUpsOfResident } from '../../../client/index.js';
import type { Resident } from '../../../domain/model.js';
import { dayOf } from '../../../domain/rules/days.js';
import { useOnline, useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { ItemCard } from '../shared/item-card.js';
import type { PagerItem } from '../shared/pager.js';
import { sentences } from '../shared/read-aloud.js';
import { capitalise, clockOf, dateInWords, spokenTime, wallTime } from '../time/format.js';

const WEEK_MS = 7 * 86_400_000;

export function useMyThings(resident: Resident): PagerItem[] | null {
  const { t } = useTranslation('myDay');
  const { t: c } = useTranslation();
  const { db, settings } = useEnv();
  const { now, today, tomorrow, timeZone } = useToday();
  const online = useOnline();
  // One query for everything, so the list never shows half of it (a sign-up without its activity).
  const rows = useLiveQuery(async () => {
    const outbox = await db.outbox.toArray();
    // The resident's sign-ups for the activities that may still be on: begun in the last week
    // (the list shows what has not ended) up to a week ahead.
    const inView = await db.activity
      .where('start')
      .between(
        new Date(now.getTime() - WEEK_MS).toISOString(),
        new Date(now.getTime() + WEEK_MS).toISOString(),
      )
      .primaryKeys();
    const signups = overlaySignUps(await signUpsOfResident(db, resident.id, inView), outbox, {
      residentId: resident.id,
    });
    const activities = (
      await db.activity.bulkGet([...new Set(signups.map((x) => x.activityId))])
    ).filter((a) => a !== undefined);
    const bookings = overlayBookings(
      await db.booking
        .where('start')
        .above(new Date(now.getTime() - WEEK_MS).toISOString())
        .toArray(),
      outbox,
      { residentId: resident.id },
    );
    const resources = await db.resource.toArray();
    return { signups, activities, bookings, resources };
  }, [db, resident.id, Math.floor(now.getTime() / 60_000)]);
  if (!rows) return null;
  const { activities } = rows;

  const horizon = now.getTime() + WEEK_MS;
  const dayWord = (instant: string) => {
    const d = dayOf(instant, timeZone);
    return d === today
      ? c('today')
      : d === tomorrow
        ? c('tomorrow')
        : capitalise(dateInWords(d, settings.lang));
  };
  const when = (start: string, end: string) =>
    `${dayWord(start)} ${c('fromTo', {
      from: clockOf(start, timeZone, settings.lang),
      to: clockOf(end, timeZone, settings.lang),
    })}`;
  const waiting = (pending: 'add' | 'cancel' | null) =>
    pending ? (
      <p className="pending">{online ? c('status.sending') : c('status.sendsLater')}</p>
    ) : null;

  const signups = rows.signups
    .filter((s) => s.status !== 'cancelled' && s.pending !== 'cancel')
    .map((s) => ({ s, a: activities.find((a) => a.id === s.activityId) }))
    .filter(
      (x): x is { s: typeof x.s; a: NonNullable<typeof x.a> } =>
        !!x.a && Date.parse(x.a.end) > now.getTime() && Date.parse(x.a.start) < horizon,
    )
    .sort((x, y) => Date.parse(x.a.start) - Date.parse(y.a.start));
  const bookings = rows.bookings
    .filter(
      (b) => b.status === 'active' && b.pending !== 'cancel' && Date.parse(b.end) > now.getTime(),
    )
    .filter((b) => Date.parse(b.start) < horizon)
    .sort((x, y) => Date.parse(x.start) - Date.parse(y.start));
  const resourceOf = (id: string) => rows.resources.find((r) => r.id === id);

  const heading: PagerItem = {
    key: 'mine',
    heading: true,
    node: <h2 id="my-things">{t('mine')}</h2>,
  };
  if (signups.length === 0 && bookings.length === 0) {
    return [heading, { key: 'mine-none', node: <p className="empty">{t('noneMine')}</p> }];
  }
  return [
    heading,
    ...signups.map(({ s, a }) => {
      const state =
        s.status === 'waitlisted'
          ? s.position
            ? t('waitlisted', { position: s.position })
            : t('waitlistedNoPosition')
          : s.status === 'confirmed'
            ? t('signedUp')
            : null;
      return {
        key: `signup-${s.id}`,
        node: (
          <ItemCard
            pictogram={a.pictogram}
            title={a.title}
            when={when(a.start, a.end)}
            speech={sentences(
              a.title,
              `${dayWord(a.start)} ${c('spoken.at', { time: spokenTime(wallTime(a.start, timeZone)) })}`,
              a.place && c('spoken.place', { place: a.place }),
              state,
            )}
          >
            {state && (
              <p className={s.status === 'waitlisted' ? 'badge warn' : 'badge good'}>{state}</p>
            )}
            {waiting(s.pending)}
          </ItemCard>
        ),
      };
    }),
    ...bookings.map((b) => {
      const r = resourceOf(b.resourceId);
      const name = r?.name ?? t('booking');
      return {
        key: `booking-${b.id}`,
        node: (
          <ItemCard
            pictogram={r?.pictogram ?? null}
            fallback="resource"
            title={name}
            when={when(b.start, b.end)}
            speech={sentences(
              t('booked', { what: name }),
              `${dayWord(b.start)} ${c('spoken.at', { time: spokenTime(wallTime(b.start, timeZone)) })}`,
            )}
          >
            <p className="badge good">{t('booked', { what: name })}</p>
            {waiting(b.pending)}
          </ItemCard>
        ),
      };
    }),
  ];
}
