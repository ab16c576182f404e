/**
 * After a change: what was done, in words and with the pictogram ("Anna er tilmeldt Bankospil."),
 * and a big "Fortryd" that stays for at least 10 seconds (UNDO_MS). Lives in the frame, so it
 * stays put when the screen behind it changes.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../shared/data/hooks.js';
import { useKiosk } from '../state/store.js';
import { Pictogram } from './pictogram.js';

export function UndoBar() {
  const { t } = useTranslation();
  const offer = useKiosk((s) => s.undoOffer);
  const clear = useKiosk((s) => s.clearUndo);
  const now = useNow(1000);
  useEffect(() => {
    if (offer && now.getTime() >= offer.until) clear(offer.id);
  }, [offer, now, clear]);
  if (!offer) return null;
  return (
    <div className="undo-bar" role="status">
      <Pictogram name={offer.pictogram} fallback="check" />
      <p>{offer.text}</p>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          clear(offer.id);
          offer.undo();
        }}
      >
        <Pictogram name="undo" fallback="undo" />
        <span>{t('undo.button')}</span>
      </button>
    </div>
  );
}
