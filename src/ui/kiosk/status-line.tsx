/**
 * The small connection line under the date. Offline it says calmly how old the screen is
 * ("Skærmen er ikke opdateret siden kl. 14.32"), never an error box: everything stays usable.
 */
import type { SyncStatus } from '../../client/index.js';
import { dayOf } from '../../domain/rules/days.js';
import { klokken } from './words.js';

interface Props {
  status: SyncStatus | null;
  timeZone: string;
  now: Date;
}

function since(at: Date, timeZone: string, now: Date): string {
  if (dayOf(at, timeZone) === dayOf(now, timeZone)) return klokken(at, timeZone);
  const [, m, d] = dayOf(at, timeZone).split('-').map(Number);
  return `den ${d ?? ''}.${m ?? ''}. ${klokken(at, timeZone)}`;
}

function describe(
  status: SyncStatus | null,
  timeZone: string,
  now: Date,
): { text: string; calm: boolean } {
  if (!status) return { text: 'Skærmen starter.', calm: true };
  const last = status.lastSyncedAt;
  switch (status.state) {
    case 'online':
      return {
        text: last ? `Opdateret ${klokken(last, timeZone)}.` : 'Skærmen henter data.',
        calm: true,
      };
    case 'connecting':
      return { text: 'Skærmen forbinder til serveren.', calm: true };
    case 'offline': {
      const waiting =
        status.pending === 0
          ? ''
          : status.pending === 1
            ? ' 1 tilmelding venter.'
            : ` ${status.pending} tilmeldinger venter.`;
      const text = last
        ? `Skærmen er ikke opdateret siden ${since(last, timeZone, now)}.`
        : 'Skærmen har ingen forbindelse endnu.';
      return { text: text + waiting, calm: false };
    }
    case 'unauthorized':
      return {
        text: 'Skærmen er ikke tilmeldt længere. Bed personalet om en ny kode.',
        calm: false,
      };
    case 'protocol_mismatch':
      return { text: 'Skærmen skal opdateres. Bed personalet om hjælp.', calm: false };
  }
}

export function StatusLine({ status, timeZone, now }: Props) {
  const { text, calm } = describe(status, timeZone, now);
  return (
    <p
      role="status"
      aria-label="Forbindelse"
      className={calm ? 'status-line' : 'status-line stale'}
    >
      {text}
    </p>
  );
}
