/**
 * The second step of every change: the resident's photo and the item's pictogram together, the
 * question in one sentence, and two big answers ("Ja, tilmeld mig" / "Nej"). Nothing is changed
 * before "Ja".
 */
import type { ReactNode } from 'react';
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
        <button type="button" className="primary big" onClick={onYes}>
          <Pictogram name="check" fallback="check" />
          <span>{yes}</span>
        </button>
        <button type="button" className="secondary big" onClick={onNo}>
          <Pictogram name="cross" fallback="cross" />
          <span>{no ?? t('confirm.no')}</span>
        </button>
      </div>
    </Dialog>
  );
}
