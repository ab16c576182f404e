/**
 * "Skal du spise med?": first "Hvem er du?" (only consenting residents whom staff gave meal
 * sign-up, each with their current answer as a mark), then the resident's photo and the meal's
 * pictogram with two big answers. Picking an answer is the confirming step: nothing is written
 * before it. The answer goes through the outbox, and the undo puts the previous answer back (or
 * the opposite, when there was none).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meal, Resident } from '../../../domain/model.js';
import { useEnv } from '../data/kiosk-env.js';
import { Avatar, firstName } from '../shared/avatar.js';
import { Dialog } from '../shared/dialog.js';
import { Pictogram } from '../shared/pictogram.js';
import { ResidentPicker } from '../shared/resident-picker.js';
import { useKiosk } from '../state/store.js';

interface Props {
  meal: Meal;
  /** Consenting residents with meal sign-up. */
  residents: readonly Resident[];
  /** Each resident's current answer (pending included). */
  answers: ReadonlyMap<string, boolean>;
  /** "i dag", "i morgen", "torsdag": inside the question, so nobody answers for the wrong day. */
  day: string;
  onClose: () => void;
}

export function MealAnswer({ meal, residents, answers, day, onClose }: Props) {
  const { t } = useTranslation('meals');
  const { t: c } = useTranslation();
  const { actions } = useEnv();
  const offerUndo = useKiosk((s) => s.offerUndo);
  const [who, setWho] = useState<Resident | null>(null);
  const slot = t(`slot.${meal.slot}`);
  const slotInSentence = slot.toLocaleLowerCase();

  const marks = new Map(
    [...answers].map(([id, yes]) => [id, yes ? t('markYes') : t('markNo')] as const),
  );

  const answer = (resident: Resident, attending: boolean) => {
    const before = answers.get(resident.id);
    const send = (value: boolean) =>
      void actions.mutate('meal.attend', {
        mealId: meal.id,
        residentId: resident.id,
        attending: value,
      });
    onClose();
    // The same answer again changes nothing: no write, no undo.
    if (before === attending) return;
    send(attending);
    const name = firstName(resident.displayName);
    offerUndo({
      id: `meal:${meal.id}:${resident.id}`,
      text: t(attending ? 'doneYes' : 'doneNo', { name, slot: slotInSentence, day }),
      pictogram: meal.pictogram ?? meal.slot,
      undo: () => send(before ?? !attending),
    });
  };

  if (!who) {
    return (
      <Dialog title={t('ask')} className="wide meal-picker">
        <ResidentPicker
          residents={residents}
          marks={marks}
          heading={t('who')}
          headingLevel={3}
          onPick={setWho}
        />
        <button type="button" className="secondary big" onClick={onClose}>
          <span>{c('nav.back')}</span>
        </button>
      </Dialog>
    );
  }

  const current = answers.get(who.id);
  return (
    <Dialog title={t('question', { slot: slotInSentence, day })} className="confirm meal-choice">
      <div className="confirm-pictures">
        <figure>
          <Avatar resident={who} />
          <figcaption>{firstName(who.displayName)}</figcaption>
        </figure>
        <Pictogram name={meal.pictogram} fallback={meal.slot} className="confirm-picto" />
      </div>
      <p className="meal-choice-dish">
        {slot}: {meal.dish}
      </p>
      {current !== undefined && (
        <p className="help">{current ? t('answeredYes') : t('answeredNo')}</p>
      )}
      <div className="answers">
        <button type="button" className="primary big" onClick={() => answer(who, true)}>
          <Pictogram name="check" fallback="check" />
          <span>{t('yes')}</span>
        </button>
        <button type="button" className="secondary big" onClick={() => answer(who, false)}>
          <Pictogram name="cross" fallback="cross" />
          <span>{t('no')}</span>
        </button>
        <button type="button" className="secondary" onClick={() => setWho(null)}>
          <span>{c('nav.back')}</span>
        </button>
      </div>
    </Dialog>
  );
}
