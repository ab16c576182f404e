/** Every namespace of the kiosk's words, in Danish and English. */
import { activitiesWords } from '../activities/words.js';
import { bookWords } from '../book/words.js';
import { commonWords } from '../frame/words.js';
import { homeWords } from '../home/words.js';
import { mealsWords } from '../meals/words.js';
import { myDayWords } from '../my-day/words.js';
import { newsWords } from '../news/words.js';
import { photosWords } from '../photos/words.js';
import { rosterWords } from '../roster/words.js';

export const namespaces = {
  common: commonWords,
  home: homeWords,
  myDay: myDayWords,
  meals: mealsWords,
  activities: activitiesWords,
  book: bookWords,
  news: newsWords,
  photos: photosWords,
  roster: rosterWords,
};
export type Namespace = keyof typeof namespaces;

/** The Danish words, which type every `t()` key (see i18next.d.ts). */
export type DanishResources = { [N in Namespace]: (typeof namespaces)[N]['da'] };
