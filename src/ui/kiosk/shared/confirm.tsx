/**
 * The second step of every change: the resident's photo and the item's pictogram together, the
 * question in one sentence, and two big answers ("Ja, tilmeld mig" / "Nej"). Nothing is changed
 * before "Ja".
 *
 * The first tap on either answer is the answer: both buttons are disabled at once and a stray
 * second touch (a shaky hand, a palm) changes nothing, so one "Ja" is exactly one change.
 */
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resident } from '../../../domain/model.js';
import { Avatar, firstName } from './avatar.js';
import { Dialog } from './dialog.js';
import { Pictogram } from './pictogram.js';

interface Props {
  title: string;
  resident: Resident | null;
  pictogram: string | null;
  pictogramFallback?: string;
  /** Extra lines under the pictures: a warning ("Aktiviteten er fuld."), a time. */
  children?: ReactNode;
  yes: string;
  no?: string;
  onYes: () => void;
  onNo: () => void;
}

export function Confirm({
  title,
  resident,
  pictogram,
  pictogramFallback = 'activity',
  children,
  yes,
  no,
  onYes,
  onNo,
}: Props) {
  const { t } = useTranslation();
  const [answered, once] = useOnce();
  return (
    <Dialog title={title} className="confirm">
      <div className="confirm-pictures">
        {resident && (
          <figure>
            <Avatar resident={resident} />
            <figcaption>{firstName(resident.displayName)}</figcaption>
          </figure>
        )}
        <Pictogram name={pictogram} fallback={pictogramFallback} className="confirm-picto" />
      </div>
      {children}
      <div className="answers">
        <button type="button" className="primary big" disabled={answered} onClick={once(onYes)}>
          <Pictogram name="check" fallback="check" />
          <span>{yes}</span>
        </button>
        <button type="button" className="secondary big" disabled={answered} onClick={once(onNo)}>
          <Pictogram name="cross" fallback="cross" />
          <span>{no ?? t('confirm.no')}</span>
        </button>
      </div>
    </Dialog>
  );
}

/**
 * One answer per question: `once(fn)` runs the first call only. The ref decides at once (two
 * touches can arrive before React renders the disabled buttons); the state disables them.
 */
export function useOnce(): [boolean, (fn: () => void) => () => void] {
  const done = useRef(false);
  const [answered, setAnswered] = useState(false);
  const once = (fn: () => void) => () => {
    if (done.current) return;
    done.current = true;
    setAnswered(true);
    fn();
  };
  return [answered, once];
}
