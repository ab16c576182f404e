/** The words of the Meals screen (Danish first; English must have the same keys). */
import { defineWords } from '../i18n/words.js';

export const mealsWords = defineWords(
  {
    title: 'Mad',
  },
  {
    title: 'Meals',
  },
);
