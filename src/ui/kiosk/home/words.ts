/** The words of the Today screen (Danish first; English must have the same keys). */
import { defineWords } from '../i18n/words.js';

export const homeWords = defineWords(
  {
    title: 'I dag',
  },
  {
    title: 'Today',
  },
);
