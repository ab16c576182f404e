/**
 * Sign-ups the server refused after the dialog was closed (say, sent hours later when the
 * connection came back): told in plain words until someone taps "OK". They live in the
 * engine's `rejections` table, so a reload does not lose them.
 */
import type { Rejection } from '../../client/index.js';
import type { Activity, Resident } from '../../domain/model.js';
import { firstName, rejectionText } from './words.js';

interface Props {
  rejections: readonly Rejection[];
  activities: ReadonlyMap<string, Activity>;
  residents: ReadonlyMap<string, Resident>;
  dismiss: (id: string) => void;
}

const argOf = (r: Rejection, key: string): string => {
  const v = r.args[key];
  return typeof v === 'string' ? v : '';
};

export function Rejections({ rejections, activities, residents, dismiss }: Props) {
  const shown = rejections.filter((r) => r.name === 'signup.add' || r.name === 'signup.cancel');
  if (shown.length === 0) return null;
  return (
    <section className="notices" aria-label="Beskeder">
      {shown.map((r) => {
        const resident = residents.get(argOf(r, 'residentId'));
        const activity = activities.get(argOf(r, 'activityId'));
        const who = resident ? firstName(resident.displayName) : 'En beboer';
        const what = activity ? activity.title : 'aktiviteten';
        const verb = r.name === 'signup.add' ? 'blev ikke tilmeldt' : 'blev ikke afmeldt';
        return (
          <div key={r.id} className="notice" role="status">
            <p>
              {who} {verb} {what}. {rejectionText(r)}
            </p>
            <button type="button" className="secondary" onClick={() => dismiss(r.id)}>
              OK
            </button>
          </div>
        );
      })}
    </section>
  );
}
