/**
 * Who is on duty: today first, then the next six days, each shift with the staff member's name,
 * photo and hours in the centre's time zone. Shifts for the whole centre and for the shown
 * resident's groups (a shift of another house is not the resident's staff).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import type { Shift } from '../../../domain/model.js';
import { dateWindow, dayBounds } from '../../../domain/rules/days.js';
import { useToday } from '../../shared/data/hooks.js';
import { useFamily } from '../shell/family-env.js';
import { capitalise, clockOf, dayInWords } from '../shell/format.js';
import { useLang, useWords } from '../shell/lang.js';
import { useShownResident } from '../shell/resident.js';
import { fill } from '../words.js';
import { dutyWords } from './words.js';
import './duty.css';

export const DUTY_DAYS = 7;

/**
 * The shifts of `date` (in `timeZone`) for the resident's groups, by start: each on the day it
 * starts (a night shift is not listed again on the morning it ends), and on today also one that
 * began before today and is still going at `now`.
 */
export function shiftsOn(
  shifts: readonly Shift[],
  date: string,
  timeZone: string,
  groupIds: readonly string[],
  now: number | null = null,
): Shift[] {
  const { start, end } = dayBounds(date, timeZone);
  const from = start.getTime();
  return shifts
    .filter((s) => s.groupId === null || groupIds.includes(s.groupId))
    .filter((s) => {
      const begins = Date.parse(s.start);
      if (begins >= from && begins < end.getTime()) return true;
      return now !== null && begins < from && Date.parse(s.end) > now;
    })
    .sort((a, b) => a.start.localeCompare(b.start) || a.staffName.localeCompare(b.staffName));
}

export function DutyPage() {
  const w = useWords(dutyWords);
  const lang = useLang();
  const { db } = useFamily();
  const resident = useShownResident();
  const { today, timeZone, now } = useToday(60_000);
  const shifts = useLiveQuery(() => db.shift.toArray(), [db]);
  if (shifts === undefined) return <h1>{w.title}</h1>;
  const days = dateWindow(today, DUTY_DAYS);
  return (
    <>
      <h1>{w.title}</h1>
      <p>{fill(w.intro, { name: resident.displayName })}</p>
      {shifts.length === 0 && <p className="family-empty">{w.noneAtAll}</p>}
      {shifts.length > 0 &&
        days.map((date) => (
          <Day
            key={date}
            title={date === today ? w.today : capitalise(dayInWords(date, lang))}
            shifts={shiftsOn(
              shifts,
              date,
              timeZone,
              resident.groupIds,
              date === today ? now.getTime() : null,
            )}
            timeZone={timeZone}
            now={date === today ? now.getTime() : null}
          />
        ))}
    </>
  );
}

function Day({
  title,
  shifts,
  timeZone,
  now,
}: {
  title: string;
  shifts: Shift[];
  timeZone: string;
  /** Today: the time, to mark who is on duty now. */
  now: number | null;
}) {
  const w = useWords(dutyWords);
  const lang = useLang();
  const id = useId();
  return (
    <section className="family-duty-day" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {shifts.length === 0 ? (
        <p className="family-empty">{w.nobody}</p>
      ) : (
        <ul className="family-duty-list">
          {shifts.map((s) => {
            const onNow = now !== null && Date.parse(s.start) <= now && Date.parse(s.end) > now;
            return (
              <li key={s.id} className="family-duty-shift">
                {s.photo ? (
                  <img
                    className="family-photo family-photo-small"
                    src={`/media/${s.photo}`}
                    alt=""
                  />
                ) : (
                  <span
                    className="family-photo family-photo-small family-photo-initial"
                    aria-hidden="true"
                  >
                    {s.staffName.charAt(0)}
                  </span>
                )}
                <div>
                  <p className="family-duty-name">{s.staffName}</p>
                  <p className="family-meta">
                    {fill(w.time, {
                      from: clockOf(s.start, timeZone, lang),
                      to: clockOf(s.end, timeZone, lang),
                    })}
                  </p>
                  {onNow && <p className="family-duty-now">{w.now}</p>}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
