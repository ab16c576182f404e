/**
 * Signing up and cancelling, one step at a time: "Hvem er du?" (photo tiles, marked "Tilmeldt" or
 * "Nummer 2 på ventelisten"), then the big confirm with the resident's photo and the activity's
 * pictogram. Nothing is sent before "Ja"; both steps are dialogs, so the idle timer asks
 * "Er du færdig?" before it closes a half-done sign-up.
 */
import { useTranslation } from 'react-i18next';
import type { OverlaidSignUp } from '../../../client/index.js';
import type { Activity, Resident } from '../../../domain/model.js';
import { Confirm } from '../shared/confirm.js';
import { Dialog } from '../shared/dialog.js';
import { ResidentPicker } from '../shared/resident-picker.js';
import { inAudience } from '../../../domain/rules/audience.js';
import { isOn, type ActivityState } from './activity-state.js';

export type Flow =
  | { step: 'pick'; activityId: string; mode: 'add' | 'cancel' }
  | { step: 'confirm'; activityId: string; residentId: string };

interface PickProps {
  activity: Activity;
  mode: 'add' | 'cancel';
  residents: readonly Resident[];
  signups: readonly OverlaidSignUp[];
  onPick: (r: Resident) => void;
  onClose: () => void;
}

/** The photo step. For "Afmeld" only the residents who are on the activity are shown. */
export function PickStep({ activity, mode, residents, signups, onPick, onClose }: PickProps) {
  const { t } = useTranslation('activities');
  const { t: c } = useTranslation();
  const byResident = new Map(signups.map((s) => [s.residentId, s]));
  const marks = new Map<string, string>();
  for (const [id, s] of byResident) {
    if (!isOn(s)) continue;
    marks.set(
      id,
      s.status === 'waitlisted'
        ? s.position
          ? t('mark.waitlisted', { position: s.position })
          : t('mark.onWaitlist')
        : t('mark.signedUp'),
    );
  }
  // The audience rule: only residents in the activity's groups may join; anyone already on it
  // stays pickable, so they can always cancel.
  const shown = residents.filter((r) =>
    mode === 'cancel'
      ? marks.has(r.id)
      : inAudience(activity.audience, r.groupIds) || marks.has(r.id),
  );
  const title =
    mode === 'add'
      ? t('pickSignUp', { title: activity.title })
      : t('pickCancel', { title: activity.title });
  return (
    <Dialog title={title} className="wide sign-up-pick">
      {mode === 'cancel' && shown.length === 0 ? (
        <p className="empty">{t('pickNone')}</p>
      ) : (
        <ResidentPicker residents={shown} onPick={onPick} marks={marks} headingLevel={3} />
      )}
      <button type="button" className="secondary big" onClick={onClose}>
        {c('nav.back')}
      </button>
    </Dialog>
  );
}

interface ConfirmProps {
  activity: Activity;
  resident: Resident;
  signup: OverlaidSignUp | undefined;
  /** The activity's state with the pending changes counted (a pending sign-up took the place). */
  state: ActivityState;
  /** "I dag kl. 14.00 til 15.00": the time, so nobody signs up for the wrong day. */
  when: string;
  onAdd: (waitlist: boolean) => void;
  onCancel: () => void;
  onClose: () => void;
}

/** The confirm step: sign up (or join the waiting list when it is full), or cancel. */
export function ConfirmStep({
  activity,
  resident,
  signup,
  state,
  when,
  onAdd,
  onCancel,
  onClose,
}: ConfirmProps) {
  const { t } = useTranslation('activities');
  const common = { resident, pictogram: activity.pictogram, onNo: onClose };
  if (isOn(signup)) {
    return (
      <Confirm
        {...common}
        title={t('confirmCancel', { title: activity.title })}
        yes={t('yesCancel')}
        onYes={onCancel}
      >
        <p className="confirm-when">{when}</p>
      </Confirm>
    );
  }
  if (state.join === 'waitlisted') {
    return (
      <Confirm
        {...common}
        title={t('confirmWaitlist', { title: activity.title })}
        yes={t('yesWaitlist')}
        onYes={() => onAdd(true)}
      >
        <p className="confirm-when">{when}</p>
        <p className="badge full confirm-warn">{t('fullNoWaitlist')}</p>
        <p>{t('yourNumber', { position: state.waitlisted + 1 })}</p>
      </Confirm>
    );
  }
  return (
    <Confirm
      {...common}
      title={t('confirmAdd', { title: activity.title })}
      yes={t('yesAdd')}
      onYes={() => onAdd(false)}
    >
      <p className="confirm-when">{when}</p>
    </Confirm>
  );
}
