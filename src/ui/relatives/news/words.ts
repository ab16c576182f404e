import { defineWords } from '../../shared/i18n/words.js';

export const newsWords = defineWords(
  {
    title: 'Nyheder',
    intro: 'Nyt fra centret til {{name}}.',
    empty: 'Der er ingen nyheder lige nu.',
    posted: 'Skrevet {{when}}',
    video: 'Video',
    signLanguage: 'Video på tegnsprog',
  },
  {
    title: 'News',
    intro: 'News from the centre for {{name}}.',
    empty: 'There is no news right now.',
    posted: 'Posted {{when}}',
    video: 'Video',
    signLanguage: 'Video in sign language',
  },
);
