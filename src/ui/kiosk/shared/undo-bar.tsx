/**
 * After a change: what was done, in words and with the pictogram ("Anna er tilmeldt Bankospil."),
 * and a big "Fortryd" that stays for at least 10 seconds (UNDO_MS) while the resident stays on
 * the screen they acted on (the store takes it away when they leave it, go Home, or the idle
 * timeout passes). While the change is still in the outbox it says so in the same words as the
 * card ("Sendes, når der er forbindelse."), so the bar never says only "tilmeldt" while the card
 * says "sendes".
 *
 * "Fortryd" only answers once the bar has been on screen for SETTLE_MS: in portrait it appears
 * where "Ja, tilmeld mig" just was, so a stray second touch on "Ja" (a shaky hand) would
 * otherwise undo what the first touch did. Nobody reads the bar and decides that fast.
 */

/** How long "Fortryd" ignores touches after the bar appears. */
export const SETTLE_MS = 600;
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow, useOnline } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { useKiosk } from '../state/store.js';
import { Pictogram } from './pictogram.js';

export function UndoBar() {
  const { t } = useTranslation();
  const { db } = useEnv();
  const online = useOnline();
  const offer = useKiosk((s) => s.undoOffer);
  const clear = useKiosk((s) => s.clearUndo);
  const now = useNow(1000);
  // The offer's id is the mutation's id where the screen has one (meals use their own key).
  const id = offer?.id ?? '';
  const pending = useLiveQuery(
    async () => id !== '' && (await db.outbox.where('id').equals(id).count()) > 0,
    [db, id],
  );
  useEffect(() => {
    if (offer && now.getTime() >= offer.until) clear(offer.id);
  }, [offer, now, clear]);
  // Per offer: a new offer settles again. Real time, not the kiosk clock (a person's reaction).
  const [settled, setSettled] = useState<string | null>(null);
  useEffect(() => {
    if (id === '') return;
    const timer = setTimeout(() => setSettled(id), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [id]);
  if (!offer) return null;
  const text = pending
    ? `${offer.text} ${online ? t('status.sending') : t('status.sendsLater')}`
    : offer.text;
  return (
    <div className="undo-bar" role="status">
      <Pictogram name={offer.pictogram} fallback="check" />
      <p>{text}</p>
      <button
        type="button"
        className="secondary"
        // Not `disabled`: the button keeps its look while it settles (no flicker).
        aria-disabled={settled !== offer.id}
        onClick={() => {
          if (settled !== offer.id) return;
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
