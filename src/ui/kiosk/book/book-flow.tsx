/**
 * The steps of booking and cancelling a booking that are not the shared Confirm: "Hvem er du?",
 * "Anna kan ikke booke den tid." (the kiosk's own check, told instead of sending something
 * doomed) and "Det er ikke din booking.". Each is a dialog, so it counts as half done.
 */
import { useTranslation } from 'react-i18next';
import type { Resident, Resource } from '../../../domain/model.js';
import { firstName } from '../shared/avatar.js';
import { Confirm } from '../shared/confirm.js';
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

interface FlowProps {
  flow: Flow;
  resource: Resource;
  residents: readonly Resident[];
  wall: ReadonlyMap<string, Resident>;
  /** "i morgen kl. 10.00 til 12.00": inside a sentence. */
  whenInSentence: (slot: TimeSpan) => string;
  setFlow: (flow: Flow | null) => void;
  /** The photo was picked for a free slot: the screen checks the rules, then confirms or tells. */
  onPicked: (who: Resident, slot: TimeSpan) => void;
  onBook: (who: Resident, slot: TimeSpan) => void;
  onUnbook: (who: Resident, slot: TimeSpan, bookingId: string) => void;
}

/** The dialog for the current step of booking or cancelling. */
export function BookFlow({
  flow,
  resource: r,
  residents,
  wall,
  whenInSentence,
  setFlow,
  onPicked,
  onBook,
  onUnbook,
}: FlowProps) {
  const { t } = useTranslation('book');
  if (flow.step === 'not-yours') {
    return (
      <TellDialog
        title={t('notYours')}
        lines={[t('notYoursHelp')]}
        pictogram="lock"
        onClose={() => setFlow(null)}
      />
    );
  }
  if (flow.step === 'pick-add' || flow.step === 'pick-cancel') {
    const title =
      flow.step === 'pick-add'
        ? t('pickTitle', { name: r.name, when: whenInSentence(flow.slot) })
        : t('pickCancelTitle', { name: r.name, when: whenInSentence(flow.slot) });
    return (
      <PickDialog
        title={title}
        residents={residents}
        onClose={() => setFlow(null)}
        onPick={(who) =>
          flow.step === 'pick-add'
            ? onPicked(who, flow.slot)
            : setFlow(
                who.id === flow.ownerId
                  ? {
                      step: 'confirm-cancel',
                      slot: flow.slot,
                      bookingId: flow.bookingId,
                      residentId: who.id,
                    }
                  : { step: 'not-yours' },
              )
        }
      />
    );
  }
  const who = wall.get(flow.residentId);
  if (!who) return null;
  if (flow.step === 'cant') {
    return (
      <TellDialog
        title={t('cant', { who: firstName(who.displayName) })}
        lines={flow.why}
        pictogram={r.pictogram}
        onClose={() => setFlow(null)}
      />
    );
  }
  const common = {
    resident: who,
    pictogram: r.pictogram,
    pictogramFallback: 'resource',
    onNo: () => setFlow(null),
  };
  if (flow.step === 'confirm-add') {
    const slot = flow.slot;
    return (
      <Confirm
        {...common}
        title={t('confirmAdd', { name: r.name, when: whenInSentence(slot) })}
        yes={t('yesAdd')}
        onYes={() => onBook(who, slot)}
      />
    );
  }
  const { slot, bookingId } = flow;
  return (
    <Confirm
      {...common}
      title={t('confirmCancel', { name: r.name, when: whenInSentence(slot) })}
      yes={t('yesCancel')}
      onYes={() => onUnbook(who, slot, bookingId)}
    />
  );
}
