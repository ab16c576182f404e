/**
 * Meals: today and the week. A row of big day buttons ("I dag", "I morgen", then weekdays), then
 * that day's meals in slot order, each with its picture, allergens in words, who eats, and — for
 * residents staff enabled it for — "Skal du spise med?".
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mealAnswersOfMeals, overlayMealAttendance } from '../../../client/index.js';
import type { Meal } from '../../../domain/model.js';
import { addDaysToDate, daysBetween } from '../../../domain/rules/days.js';
import { useWallResidents } from '../data/hooks.js';
import { useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import {
  DayChoice,
  dayLabel,
  dayHeading,
  dayInSentence,
  useDayWords,
  weekFrom,
} from '../shared/day-choice.js';
import { Pager } from '../shared/pager.js';
import { Pictogram } from '../shared/pictogram.js';
import { MealAnswer } from './meal-answer.js';
import { MealCard } from './meal-card.js';
import { answersOf, bySlot, isMealOver, mayAsk } from './meal-logic.js';
import './meals.css';

export function MealsScreen() {
  const { t } = useTranslation('meals');
  const { t: c } = useTranslation();
  const { db, settings } = useEnv();
  const { now, today, timeZone } = useToday();
  // The choice is kept as "days from today", so it follows the clock past midnight.
  const [offset, setOffset] = useState(0);
  const [asking, setAsking] = useState<string | null>(null);
  const date = addDaysToDate(today, offset);
  const residents = useWallResidents();
  const signers = (residents ?? []).filter((r) => r.wallConsent && r.mealSignUp);
  const wall = useMemo(() => new Map((residents ?? []).map((r) => [r.id, r])), [residents]);

  // One query for the meals and their answers, so a card never shows without its answers.
  const day = useLiveQuery(async () => {
    const meals = (await db.meal.where('date').equals(date).toArray()).sort(bySlot);
    const ids = meals.map((m) => m.id);
    const rows = await mealAnswersOfMeals(db, ids);
    const outbox = await db.outbox.toArray();
    const attendance = overlayMealAttendance(rows, outbox).filter((a) => ids.includes(a.mealId));
    return { meals, attendance };
  }, [db, date]);

  const words = useDayWords(today, addDaysToDate(today, 1), settings.lang);
  const heading = dayHeading(date, words);
  const inSentence = dayInSentence(date, words);
  const askingMeal: Meal | undefined = day?.meals.find((m) => m.id === asking);

  return (
    <div className="meals-screen">
      <h1 className="screen-title">
        <Pictogram name="meals" fallback="meal" />
        <span>{t('title')}</span>
      </h1>
      <DayChoice
        days={weekFrom(today)}
        selected={date}
        onSelect={(d) => setOffset(daysBetween(today, d))}
        words={words}
        label={t('daysLabel')}
      />
      <h2 className="meal-day">{heading}</h2>
      {/* Waits for the residents too, so "who eats" never shows names as a bare count first. */}
      {day === undefined || residents === undefined ? (
        <p className="help">{c('loading')}</p>
      ) : day.meals.length === 0 ? (
        <p className="empty">{offset === 0 ? t('empty') : t('emptyDay', { day: inSentence })}</p>
      ) : (
        // One screen-full at a time, with Forrige / Næste (pager.tsx), never a scroll area.
        <Pager
          listClassName="list meal-list"
          resetKey={date}
          items={day.meals.map((m) => {
            const over = isMealOver(m, now, today, timeZone);
            return {
              key: m.id,
              node: (
                <MealCard
                  meal={m}
                  attendance={day.attendance.filter((a) => a.mealId === m.id)}
                  wall={wall}
                  dayWord={dayLabel(date, words)}
                  over={over}
                  onAsk={mayAsk(m, signers, over) ? () => setAsking(m.id) : null}
                />
              ),
            };
          })}
        />
      )}
      {askingMeal && mayAsk(askingMeal, signers, isMealOver(askingMeal, now, today, timeZone)) && (
        <MealAnswer
          meal={askingMeal}
          residents={signers}
          answers={answersOf(day?.attendance.filter((a) => a.mealId === askingMeal.id) ?? [])}
          day={inSentence}
          onClose={() => setAsking(null)}
        />
      )}
    </div>
  );
}
