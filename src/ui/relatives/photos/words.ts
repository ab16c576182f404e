/** The words of the relatives' photo pages (Danish first; English must have the same keys). */
import { defineWords } from '../../shared/i18n/words.js';

export const photosWords = defineWords(
  {
    title: 'Billeder',
    intro: 'Fotoalbum fra centret til dig som pårørende til {{name}}.',
    empty: 'Der er ingen fotoalbum lige nu.',
    count_one: '1 billede',
    count_other: '{{count}} billeder',
    posted: 'Lagt op {{when}}',
    open: 'Se billederne',
    position: 'Billede {{n}} af {{count}}',
    previous: 'Forrige',
    next: 'Næste',
    back: 'Alle fotoalbum',
    photoAlt: 'Billede {{n}} af {{count}} fra {{title}}',
    notFound: 'Fotoalbummet findes ikke længere.',
  },
  {
    title: 'Photos',
    intro: 'Photo albums from the centre for you as a relative of {{name}}.',
    empty: 'There are no photo albums right now.',
    count_one: '1 photo',
    count_other: '{{count}} photos',
    posted: 'Posted {{when}}',
    open: 'See the photos',
    position: 'Photo {{n}} of {{count}}',
    previous: 'Previous',
    next: 'Next',
    back: 'All photo albums',
    photoAlt: 'Photo {{n}} of {{count}} from {{title}}',
    notFound: 'The photo album no longer exists.',
  },
);
