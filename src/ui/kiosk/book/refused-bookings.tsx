/**
 * Bookings of this resource the server refused (say, sent later when the connection came back
 * and someone else was faster), told in plain words with the rule behind them, until "OK".
 */
import { useTranslation } from 'react-i18next';
import type { OverlaidBooking, Rejection } from '../../../client/index.js';
import type { Resource } from '../../../domain/model.js';
import { useWallResidentMap } from '../data/hooks.js';
import { useRejections } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { rejectionSentence } from '../frame/rejection-notices.js';
import { firstName } from '../shared/avatar.js';

interface Props {
  resource: Resource;
  bookings: readonly OverlaidBooking[];
  /** The rules in plain words: repeated where they explain the refusal. */
  rules: readonly string[];
}

export function RefusedBookings({ resource, bookings, rules }: Props) {
  const { t } = useTranslation('book');
  const { t: c } = useTranslation();
  const { actions } = useEnv();
  const wall = useWallResidentMap();
  const ids = new Set(bookings.map((b) => b.id));
  const mine = useRejections().filter(
    (r) =>
      (r.name === 'booking.add' && r.args.resourceId === resource.id) ||
      (r.name === 'booking.cancel' &&
        typeof r.args.bookingId === 'string' &&
        ids.has(r.args.bookingId)),
  );
  if (mine.length === 0) return null;
  const [max, length, opening] = rules;
  const ruleFor = (r: Rejection): string | undefined =>
    r.reason === 'max_active_bookings'
      ? max
      : r.reason === 'slot_length'
        ? length
        : r.reason === 'outside_opening_hours'
          ? opening
          : undefined;
  return (
    <ul className="book-refused">
      {mine.map((r) => {
        const resident =
          typeof r.args.residentId === 'string' ? wall.get(r.args.residentId) : undefined;
        const who = resident ? firstName(resident.displayName) : null;
        const rule = ruleFor(r);
        return (
          <li key={r.id} role="status">
            <p>{rejectionSentence(r, { who, what: resource.name, pictogram: null }, c)}</p>
            {rule && <p>{rule}</p>}
            <button
              type="button"
              className="secondary"
              onClick={() => void actions.dismissRejection(r.id)}
            >
              {t('ok')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
