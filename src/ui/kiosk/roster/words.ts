/** The words of the Staff screen (Danish first; English must have the same keys). */
import { defineWords } from '../../shared/i18n/words.js';

export const rosterWords = defineWords(
  {
    title: 'Personale',
    onNow: 'Hvem er på arbejde nu?',
    nobodyNow: 'Der er ingen på arbejde lige nu.',
    later: 'Senere i dag',
    week: 'De næste dage',
    roster: 'Vagtplan',
    noneLater: 'Der kommer ikke flere i dag.',
    noneDay: 'Der er ingen vagter.',
    empty: 'Der er ingen vagtplan for de næste dage.',
    until: 'til kl. {{time}}',
    fromToNextDay: 'kl. {{from}} til {{to}} næste dag',
    spokenNow: '{{name}} er på arbejde nu, til klokken {{time}}.',
    spokenOnDuty: '{{name}} er på arbejde nu, fra klokken {{from}} til klokken {{to}}.',
    spokenShift: '{{name}} er på arbejde {{day}}. Fra klokken {{from}} til klokken {{to}}.',
    spokenGroup: 'I {{group}}.',
  },
  {
    title: 'Staff',
    onNow: 'Who is at work now?',
    nobodyNow: 'Nobody is at work right now.',
    later: 'Later today',
    week: 'The next days',
    roster: 'Rota',
    noneLater: 'Nobody else comes today.',
    noneDay: 'There are no shifts.',
    empty: 'There is no roster for the next days.',
    until: 'until {{time}}',
    fromToNextDay: '{{from}} to {{to}} the next day',
    spokenNow: '{{name}} is at work now, until {{time}}.',
    spokenOnDuty: '{{name}} is at work now, from {{from}} to {{to}}.',
    spokenShift: '{{name}} is at work {{day}}. From {{from}} to {{to}}.',
    spokenGroup: 'In {{group}}.',
  },
);
