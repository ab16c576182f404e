/**
 * The words of the warning a kiosk page shows when it is opened over plain HTTP from another
 * machine: for the IT person setting the screen up, in plain Danish and complete English, by the
 * kiosk's language setting (before i18next starts with the kiosk itself).
 */
import { defineWords } from '../shared/i18n/words.js';
import type { Lang } from './settings.js';

export const insecureWords = defineWords(
  {
    title: 'Denne skærm kan ikke virke uden net',
    why: 'Siden er åbnet med http:// fra en anden maskine. Så kan skærmen ikke gemme sig selv, og den bliver tom, hvis nettet går.',
    fix: 'Til IT: Åbn siden med https:// i stedet. README forklarer det under "HTTPS on the centre\'s network".',
    opened: 'Åbnet som',
    showAnyway: 'Vis skærmen alligevel',
  },
  {
    title: 'This screen cannot work without the network',
    why: 'The page was opened with http:// from another machine. Then the screen cannot keep itself, and it goes blank when the network is gone.',
    fix: 'For IT: open the page with https:// instead. The README explains it under "HTTPS on the centre\'s network".',
    opened: 'Opened as',
    showAnyway: 'Show the screen anyway',
  },
);

export type InsecureText = (typeof insecureWords)['da'];

export const insecureText = (lang: Lang): InsecureText => insecureWords[lang];
