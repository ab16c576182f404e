/** A page that another part of issue 10 is still building: says so plainly (replaced in pages.tsx). */
import { defineWords } from '../../shared/i18n/words.js';
import { useWords } from './lang.js';

const words = defineWords(
  {
    week: 'Ugen',
    photos: 'Billeder',
    calendar: 'Kalender',
    soon: 'Denne side kommer snart.',
  },
  {
    week: 'The week',
    photos: 'Photos',
    calendar: 'Calendar',
    soon: 'This page is coming soon.',
  },
);

export function soon(page: 'week' | 'photos' | 'calendar') {
  return function Soon() {
    const w = useWords(words);
    return (
      <>
        <h1>{w[page]}</h1>
        <p>{w.soon}</p>
      </>
    );
  };
}
