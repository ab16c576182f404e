/**
 * Changes the server refused (say, a sign-up sent hours later when the connection came back):
 * told in plain words, one at a time, until someone taps "OK". They live in the engine's
 * `rejections` table, so a reload does not lose them.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CacheDb, Rejection } from '../../../client/index.js';
import { useEnv } from '../data/kiosk-env.js';
import { useRejections } from '../../shared/data/hooks.js';
import { firstName } from '../shared/avatar.js';
import { Pictogram } from '../shared/pictogram.js';
import { commonWords } from './words.js';

const arg = (r: Rejection, key: string): string => {
  const v = r.args[key];
  return typeof v === 'string' ? v : '';
};

interface Names {
  who: string | null;
  what: string | null;
  pictogram: string | null;
}

/** The names a rejection is about, from the cache (consenting residents only). */
async function namesOf(db: CacheDb, r: Rejection): Promise<Names> {
  const resident = await db.resident.get(arg(r, 'residentId'));
  const who = resident?.wallConsent ? firstName(resident.displayName) : null;
  if (r.name === 'signup.add' || r.name === 'signup.cancel') {
    const a = await db.activity.get(arg(r, 'activityId'));
    return { who, what: a?.title ?? null, pictogram: a?.pictogram ?? null };
  }
  if (r.name === 'booking.add') {
    const res = await db.resource.get(arg(r, 'resourceId'));
    return { who, what: res?.name ?? null, pictogram: res?.pictogram ?? null };
  }
  if (r.name === 'booking.cancel') {
    const b = await db.booking.get(arg(r, 'bookingId'));
    const res = b ? await db.resource.get(b.resourceId) : undefined;
    return { who, what: res?.name ?? null, pictogram: res?.pictogram ?? null };
  }
  if (r.name === 'meal.attend') {
    const m = await db.meal.get(arg(r, 'mealId'));
    return { who, what: m?.dish ?? null, pictogram: m?.pictogram ?? null };
  }
  return { who, what: null, pictogram: null };
}

export function rejectionSentence(r: Rejection, names: Names, t: TFunction): string {
  const who = names.who ?? t('rejection.someone');
  const reasons = commonWords.da.rejection.why;
  const key: keyof typeof reasons = r.reason && r.reason in reasons ? r.reason : r.code;
  const why = t(`rejection.why.${key}`);
  const what = (
    fallback: 'rejection.theActivity' | 'rejection.theResource' | 'rejection.theMeal',
  ) => names.what ?? t(fallback);
  let first: string;
  switch (r.name) {
    case 'signup.add':
      first = t('rejection.signupAdd', { who, what: what('rejection.theActivity') });
      break;
    case 'signup.cancel':
      first = t('rejection.signupCancel', { who, what: what('rejection.theActivity') });
      break;
    case 'booking.add':
      first = t('rejection.bookingAdd', { who, what: what('rejection.theResource') });
      break;
    case 'booking.cancel':
      first = t('rejection.bookingCancel', { what: what('rejection.theResource') });
      break;
    case 'meal.attend':
      first = t('rejection.mealAttend', { what: what('rejection.theMeal') });
      break;
    default:
      first = t('rejection.other');
  }
  return `${first} ${why}`;
}

export function RejectionNotices() {
  const { t } = useTranslation();
  const { db, actions } = useEnv();
  const rejections = useRejections();
  const first = rejections[0];
  const names = useLiveQuery(
    () => (first ? namesOf(db, first) : Promise.resolve(null)),
    [db, first?.id],
  );
  if (!first || !names) return null;
  return (
    <section className="notice" aria-labelledby="notice-title">
      <Pictogram name={names.pictogram} fallback="changed" />
      <div>
        <h2 id="notice-title">{t('rejection.title')}</h2>
        <p>{rejectionSentence(first, names, t)}</p>
      </div>
      <button
        type="button"
        className="secondary"
        onClick={() => void actions.dismissRejection(first.id)}
      >
        {t('rejection.ok')}
      </button>
    </section>
  );
}
