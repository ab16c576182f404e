/** The words of the Staff screen (Danish first; English must have the same keys). */
import { defineWords } from '../i18n/words.js';

export const rosterWords = defineWords(
  {
    title: 'Personale',
  },
  {
    title: 'Staff',
  },
);
