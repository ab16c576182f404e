/**
 * One meal: its pictogram (or the slot's), the dish as the title and the slot under it, a photo
 * shown large when staff added one, the description, the allergens in words with a small icon
 * (never colour alone), who eats (consenting first names, the rest as "+2"), what still waits to
 * be sent, and — where staff enabled meal sign-up — the big "Skal du spise med?" button.
 */
import { useTranslation } from 'react-i18next';
import type { OverlaidMealAttendance } from '../../../client/index.js';
import { allergenName } from '../../../domain/allergens.js';
import type { Meal, Resident } from '../../../domain/model.js';
import { useOnline } from '../../shared/data/hooks.js';
import { ItemCard } from '../shared/item-card.js';
import { Pictogram } from '../shared/pictogram.js';
import { sentences } from '../shared/read-aloud.js';
import { eatersOf } from './meal-logic.js';

interface Props {
  meal: Meal;
  attendance: readonly OverlaidMealAttendance[];
  /** Residents with wall consent, by id: only they are named. */
  wall: ReadonlyMap<string, Resident>;
  /** "I dag", "I morgen", "Torsdag": said aloud after the dish. */
  dayWord: string;
  over: boolean;
  /** Shown only when some consenting resident has meal sign-up and the meal is not over. */
  onAsk: (() => void) | null;
}

/** A small warning sign beside "Indeholder": the words carry the meaning, so it is hidden. */
function AllergenIcon() {
  return (
    <svg className="allergen-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M12 2.5 22.5 21h-21Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.2"
        strokeLinejoin="round"
      />
      <path d="M12 9v6" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
      <circle cx="12" cy="18" r="1.4" fill="currentColor" />
    </svg>
  );
}

export function MealCard({ meal, attendance, wall, dayWord, over, onAsk }: Props) {
  const { t, i18n } = useTranslation('meals');
  const { t: c } = useTranslation();
  const online = useOnline();
  const slot = t(`slot.${meal.slot}`);
  // Codes of the EU list by their names; words from before the list as written.
  const lang = i18n.language.startsWith('en') ? 'en' : 'da';
  const list = meal.allergens.map((a) => allergenName(a, lang)).join(', ');
  const eaters = eatersOf(attendance, wall);
  const eating =
    eaters.names.length > 0
      ? t('eating', {
          names:
            eaters.names.join(', ') +
            (eaters.others > 0 ? ` ${t('more', { count: eaters.others })}` : ''),
        })
      : eaters.others > 0
        ? t('eatingOthers', { count: eaters.others })
        : null;
  const pending = attendance.some((a) => a.pending !== null);
  return (
    <ItemCard
      className="meal"
      pictogram={meal.pictogram}
      fallback={meal.slot}
      title={meal.dish}
      when={slot}
      tone={over ? 'past' : 'normal'}
      speech={sentences(
        slot,
        meal.dish,
        dayWord,
        meal.description,
        list && t('spokenContains', { list }),
        over && t('over'),
      )}
    >
      {/* Two parts: the photo with the question, and the words. One under the other as a card
          usually is (the question last); side by side where the screen is low for its text
          (meals.css: landscape at text scale 1.25 and 1.5). */}
      <div className="meal-side">
        {meal.photo && (
          <img className="meal-photo" src={`/media/${meal.photo}`} alt="" draggable={false} />
        )}
        {onAsk && !over && (
          <button type="button" className="primary big meal-ask" onClick={onAsk}>
            <Pictogram name="meal" fallback={meal.slot} />
            <span>{t('ask')}</span>
          </button>
        )}
      </div>
      <div className="meal-words">
        {meal.description && <p className="meal-description">{meal.description}</p>}
        {list && (
          <p className="allergens">
            <AllergenIcon />
            <span>{t('contains', { list })}</span>
          </p>
        )}
        {eating && <p className="eaters">{eating}</p>}
        {pending && (
          <p className="pending">{online ? c('status.sending') : c('status.sendsLater')}</p>
        )}
        {over && <p className="help">{t('over')}</p>}
      </div>
    </ItemCard>
  );
}
