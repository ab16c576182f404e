/** The words of the Photos screen (Danish first; English must have the same keys). */
import { defineWords } from '../../shared/i18n/words.js';

export const photosWords = defineWords(
  {
    title: 'Billeder',
    empty: 'Der er ingen billeder lige nu.',
    albumsLabel: 'Fotoalbum',
    count_one: '1 billede',
    count_other: '{{count}} billeder',
    open: 'Se billederne',
    position: 'Billede {{n}} af {{count}}',
    previous: 'Forrige',
    next: 'Næste',
    back: 'Alle fotoalbum',
    photoAlt: 'Billede {{n}} af {{count}} fra {{title}}',
  },
  {
    title: 'Photos',
    empty: 'There are no photos right now.',
    albumsLabel: 'Photo albums',
    count_one: '1 photo',
    count_other: '{{count}} photos',
    open: 'See the photos',
    position: 'Photo {{n}} of {{count}}',
    previous: 'Previous',
    next: 'Next',
    back: 'All photo albums',
    photoAlt: 'Photo {{n}} of {{count}} from {{title}}',
  },
);
