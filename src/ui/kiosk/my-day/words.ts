/** The words of the My day screen (Danish first; English must have the same keys). */
import { defineWords } from '../i18n/words.js';

export const myDayWords = defineWords(
  {
    title: 'Min dag',
  },
  {
    title: 'My day',
  },
);
