/** The words of the News screen (Danish first; English must have the same keys). */
import { defineWords } from '../i18n/words.js';

export const newsWords = defineWords(
  {
    title: 'Nyheder',
  },
  {
    title: 'News',
  },
);
