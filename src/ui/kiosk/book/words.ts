/** The words of the Book screen (Danish first; English must have the same keys). */
import { defineWords } from '../i18n/words.js';

export const bookWords = defineWords(
  {
    title: 'Book',
  },
  {
    title: 'Book',
  },
);
