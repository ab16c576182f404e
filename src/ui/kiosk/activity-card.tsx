/**
 * One of today's activities: what, when, where, places left, who is signed up (first names of
 * residents with wall consent, "+N" for the rest), sign-ups still waiting in the outbox, and the
 * "Tilmeld" button.
 */
import type { OverlaidSignUp } from '../../client/index.js';
import type { Activity, Resident } from '../../domain/model.js';
import { clockOf, firstName, isFull, klokken, placesText } from './words.js';

interface Props {
  activity: Activity;
  timeZone: string;
  now: Date;
  signups: readonly OverlaidSignUp[];
  residents: ReadonlyMap<string, Resident>;
  online: boolean;
  onSignUp: () => void;
}

const nameOf = (residents: ReadonlyMap<string, Resident>, id: string): string | null => {
  const r = residents.get(id);
  return r ? firstName(r.displayName) : null;
};

function whoText(
  activity: Activity,
  signups: readonly OverlaidSignUp[],
  residents: ReadonlyMap<string, Resident>,
): string {
  const names = signups
    .filter((s) => s.status === 'confirmed')
    .map((s) => nameOf(residents, s.residentId))
    .filter((n): n is string => n !== null)
    .sort((a, b) => a.localeCompare(b, 'da'));
  const rest = Math.max(0, activity.confirmedCount - names.length);
  if (names.length === 0 && rest === 0) return 'Ingen er tilmeldt endnu.';
  if (names.length === 0) return `Tilmeldt: ${rest} ${rest === 1 ? 'person' : 'personer'}`;
  return `Tilmeldt: ${names.join(', ')}${rest > 0 ? ` +${rest}` : ''}`;
}

/** Sign-ups still in the outbox (not yet confirmed or waitlisted by the server). */
export const pendingAdds = (signups: readonly OverlaidSignUp[]): OverlaidSignUp[] =>
  signups.filter(
    (s) => s.pending === 'add' && s.status !== 'confirmed' && s.status !== 'waitlisted',
  );

/**
 * Why the button is gone, or null while sign-up is open. Only a hint from the kiosk's clock:
 * the server decides deadlines, and a sign-up sent too late is rejected with `closed`.
 */
export function closedText(activity: Activity, now: Date): string | null {
  const t = now.getTime();
  if (t >= Date.parse(activity.end)) return 'Aktiviteten er slut.';
  if (t >= Date.parse(activity.start)) return 'Aktiviteten er i gang.';
  if (activity.signupDeadline !== null && t >= Date.parse(activity.signupDeadline)) {
    return 'Tilmeldingen er lukket.';
  }
  return null;
}

export function ActivityCard({
  activity,
  timeZone,
  now,
  signups,
  residents,
  online,
  onSignUp,
}: Props) {
  const titleId = `activity-${activity.id}`;
  const full = isFull(activity);
  const closed = closedText(activity, now);
  return (
    <article className="card" aria-labelledby={titleId}>
      <h3 id={titleId}>{activity.title}</h3>
      <p className="when">
        {klokken(activity.start, timeZone)} til {clockOf(activity.end, timeZone)}
      </p>
      {activity.place && <p className="place">Sted: {activity.place}</p>}
      <p className={full ? 'places full' : 'places'}>{placesText(activity)}</p>
      <p className="who">{whoText(activity, signups, residents)}</p>
      {activity.waitlistCount > 0 && <p className="who">På venteliste: {activity.waitlistCount}</p>}
      {pendingAdds(signups).map((s) => (
        <p key={s.id} className="pending">
          {nameOf(residents, s.residentId) ?? 'En beboer'}:{' '}
          {online ? 'Tilmeldingen sendes nu.' : 'Tilmeldingen sendes, når der er forbindelse.'}
        </p>
      ))}
      {closed ? (
        <p className="closed">{closed}</p>
      ) : full && !activity.waitlist ? (
        <p className="closed">Aktiviteten er fuld.</p>
      ) : (
        <button type="button" className="primary" onClick={onSignUp}>
          Tilmeld
        </button>
      )}
    </article>
  );
}
