/**
 * A day of one resource as a grid of big tiles: the time, and its state as a word with a
 * pictogram and a pattern (never colour alone): "Ledig", "Optaget" (with the first name only when
 * that resident has wall consent). Only slots that have not ended are given (slots.ts: today
 * starts at now). Free tiles and tiles booked by a named resident can be tapped; the others are
 * plain text, not dead buttons. A long day (a machine
 * open from 06 to 24 in hours) goes on pages (shared/pager.tsx) instead of past the screen.
 */
import { useTranslation } from 'react-i18next';
import type { Resident } from '../../../domain/model.js';
import { firstName } from '../shared/avatar.js';
import { Pager, type PagerItem } from '../shared/pager.js';
import { Pictogram } from '../shared/pictogram.js';
import type { SlotView } from './slots.js';

interface Props {
  slots: readonly SlotView[];
  wall: ReadonlyMap<string, Resident>;
  online: boolean;
  /** "kl. 10.00 til 12.00" or "Hele dagen". */
  timeOf: (slot: SlotView) => string;
  onFree: (slot: SlotView) => void;
  onTaken: (slot: SlotView) => void;
  label: string;
  /** Another resource or day: back to the first page. */
  resetKey?: string;
  /** Shown before the tiles, across the grid, on the first page ("Jeg bruger den nu"). */
  before?: readonly PagerItem[];
  /** Shown under the tiles, across the grid, on the pages too (the booking rules). */
  after?: readonly PagerItem[];
}

const PICTO = { free: 'check', taken: 'lock' } as const;

export function SlotGrid({
  slots,
  wall,
  online,
  timeOf,
  onFree,
  onTaken,
  label,
  resetKey,
  before = [],
  after = [],
}: Props) {
  const { t } = useTranslation('book');
  const { t: c } = useTranslation();
  return (
    <Pager
      className="slot-pager"
      listClassName="slot-grid"
      label={label}
      resetKey={resetKey}
      items={[
        ...before,
        ...slots.map((s): PagerItem => {
          const who = s.booking?.residentId ? wall.get(s.booking.residentId) : undefined;
          const name = who ? firstName(who.displayName) : null;
          const word = s.state === 'free' ? t('free') : name ? t('takenBy', { name }) : t('taken');
          const sending = online ? c('status.sending') : c('status.sendsLater');
          const note = s.booking?.pending
            ? s.booking.pending === 'cancel'
              ? `${t('cancelling')}: ${sending}`
              : sending
            : null;
          const body = (
            <>
              <span className="slot-time">{timeOf(s)}</span>
              <span className="slot-state">
                <Pictogram name={PICTO[s.state]} fallback={PICTO[s.state]} />
                <span>{word}</span>
              </span>
              {note && <span className="pending">{note}</span>}
            </>
          );
          const cls = `slot slot-${s.state}`;
          const tappable = s.state === 'free' || (s.state === 'taken' && who !== undefined);
          return {
            key: s.start.toISOString(),
            node: tappable ? (
              <button
                type="button"
                className={cls}
                onClick={() => (s.state === 'free' ? onFree(s) : onTaken(s))}
              >
                {body}
              </button>
            ) : (
              <div className={cls}>{body}</div>
            ),
          };
        }),
        ...after,
      ]}
    />
  );
}
