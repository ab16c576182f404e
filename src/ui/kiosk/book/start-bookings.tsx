/**
 * "Jeg bruger den nu": where a resource gives back unused bookings, each named resident's booking
 * that may be started now (from a little before its start until it ends, rules/booking-release)
 * gets one big button. A tap sends `booking.start`; the slot then stays theirs. After it is
 * started the line says so, so nobody taps twice in doubt. It is the first item of the slot
 * grid's pages (book-screen.tsx), so the pager counts its height and Forrige / Næste never stand
 * over it (they did in landscape, when it stood above the pager).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverlaidBooking } from '../../../client/index.js';
import type { Resident, Resource } from '../../../domain/model.js';
import { checkStart, releaseTime } from '../../../domain/rules/booking-release.js';
import { useEnv } from '../data/kiosk-env.js';
import { firstName } from '../shared/avatar.js';
import { Pictogram } from '../shared/pictogram.js';
import { clockOf } from '../time/format.js';

interface Props {
  resource: Resource;
  bookings: readonly OverlaidBooking[];
  wall: ReadonlyMap<string, Resident>;
  now: Date;
  timeZone: string;
}

/** The bookings that get a "Jeg bruger den nu" line now (the screen asks before it makes room). */
export function startable(
  resource: Resource,
  bookings: readonly OverlaidBooking[],
  wall: ReadonlyMap<string, Resident>,
  now: Date,
): OverlaidBooking[] {
  return bookings.filter(
    (b) =>
      b.pending === null &&
      b.residentId !== null &&
      wall.has(b.residentId) &&
      releaseTime(resource, b) !== null &&
      checkStart(b, now).ok,
  );
}

export function StartBookings({ resource, bookings, wall, now, timeZone }: Props) {
  const { t } = useTranslation('book');
  const { actions, settings } = useEnv();
  const [tapped, setTapped] = useState<ReadonlySet<string>>(new Set());
  const shown = startable(resource, bookings, wall, now);
  if (shown.length === 0) return null;
  const clock = (i: string) => clockOf(i, timeZone, settings.lang);
  return (
    <ul className="start-bookings" aria-label={t('start.label')}>
      {shown.map((b) => {
        const who = firstName(wall.get(b.residentId as string)?.displayName ?? '');
        const when = t('start.when', { from: clock(b.start), to: clock(b.end) });
        const started = (b.startedAt ?? null) !== null || tapped.has(b.id);
        return (
          <li key={b.id}>
            {started ? (
              <p className="start-done">
                <Pictogram name="check" fallback="check" />
                <span>{t('start.inUse', { who, when })}</span>
              </p>
            ) : (
              <button
                type="button"
                className="start-button"
                onClick={() => {
                  setTapped((s) => new Set([...s, b.id]));
                  void actions.mutate('booking.start', { bookingId: b.id });
                }}
              >
                <span className="start-who">{t('start.button', { who })}</span>
                <span>{when}</span>
                <span className="start-why">
                  {t('start.why', {
                    at: clock((releaseTime(resource, b) as Date).toISOString()),
                  })}
                </span>
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
