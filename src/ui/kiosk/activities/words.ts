/** The words of the Activities screen (Danish first; English must have the same keys). */
import { defineWords } from '../i18n/words.js';

export const activitiesWords = defineWords(
  {
    title: 'Aktiviteter',
  },
  {
    title: 'Activities',
  },
);
