/**
 * The steps of booking and cancelling a booking that are not the shared Confirm: "Hvem er du?",
 * "Anna kan ikke booke den tid." (the kiosk's own check, told instead of sending something
 * doomed) and "Det er ikke din booking.". Each is a dialog, so it counts as half done.
 */
import { useTranslation } from 'react-i18next';
import type { Resident } from '../../../domain/model.js';
import type { TimeSpan } from '../../../domain/rules/booking.js';
import { Dialog } from '../shared/dialog.js';
import { Pictogram } from '../shared/pictogram.js';
import { ResidentPicker } from '../shared/resident-picker.js';

export type Flow =
  | { step: 'pick-add'; slot: TimeSpan }
  | { step: 'pick-cancel'; slot: TimeSpan; bookingId: string; ownerId: string }
  | { step: 'confirm-add'; slot: TimeSpan; residentId: string }
  | { step: 'cant'; slot: TimeSpan; residentId: string; why: string[] }
  | { step: 'confirm-cancel'; slot: TimeSpan; bookingId: string; residentId: string }
  | { step: 'not-yours' };

export function PickDialog({
  title,
  residents,
  onPick,
  onClose,
}: {
  title: string;
  residents: readonly Resident[];
  onPick: (r: Resident) => void;
  onClose: () => void;
}) {
  const { t: c } = useTranslation();
  return (
    <Dialog title={title} className="wide">
      <ResidentPicker residents={residents} onPick={onPick} headingLevel={3} />
      <button type="button" className="secondary big" onClick={onClose}>
        {c('nav.back')}
      </button>
    </Dialog>
  );
}

/** A plain-words answer with one big "OK": why it cannot be done, and the rule behind it. */
export function TellDialog({
  title,
  lines,
  pictogram,
  onClose,
}: {
  title: string;
  lines: readonly string[];
  pictogram: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('book');
  return (
    <Dialog title={title} className="tell">
      <Pictogram name={pictogram} fallback="lock" className="confirm-picto" />
      {lines.map((l) => (
        <p key={l}>{l}</p>
      ))}
      <div className="answers">
        <button type="button" className="primary big" onClick={onClose}>
          {t('ok')}
        </button>
      </div>
    </Dialog>
  );
}
