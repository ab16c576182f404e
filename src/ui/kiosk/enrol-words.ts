/**
 * The enrolment screens' words (shown to the staff member setting a kiosk up), in plain Danish
 * and complete English: the display language comes from the kiosk's settings, before i18next
 * starts with the kiosk itself.
 */
import { defineWords } from '../shared/i18n/words.js';
import type { Lang } from './settings.js';

export const enrolWords = defineWords(
  {
    enrolling: 'Skærmen tilmeldes',
    moment: 'Et øjeblik.',
    failed: 'Skærmen blev ikke tilmeldt',
    notEnrolled: 'Skærmen er ikke tilmeldt',
    askForCode: 'Bed personalet om en kode til skærmen, og skriv den her.',
    codeLabel: 'Kode til skærmen',
    codeHelp: 'Koden har 10 tegn, for eksempel ABCDE-FGHJK.',
    submit: 'Tilmeld skærmen',
    tryAgain: 'Prøv igen',
    showScreen: 'Vis skærmen',
    scan: 'Skan koden',
    scanHelp: 'Hold koden fra personalets skærm foran kameraet.',
    scanBack: 'Tilbage',
    scanNotCode: 'Det er ikke en kode til skærmen. Vis koden fra personalets side.',
    scanNoCamera: 'Kameraet kan ikke bruges. Skriv koden i stedet.',
    errors: {
      code_expired: 'Koden er udløbet. Den virker kun i 10 minutter. Bed personalet om en ny kode.',
      code_used: 'Koden er allerede brugt. Bed personalet om en ny kode.',
      code_unknown: 'Koden findes ikke. Tjek koden, eller bed personalet om en ny kode.',
      device_revoked: 'Personalet har fjernet denne skærm. Bed dem om en ny kode.',
      rate_limited: 'Der har været for mange forsøg. Vent et minut, og prøv igen.',
      network: 'Skærmen kan ikke få forbindelse til serveren. Prøv igen om lidt.',
      other: 'Skærmen kunne ikke tilmeldes. Bed personalet om hjælp.',
    },
  },
  {
    enrolling: 'Enrolling the screen',
    moment: 'One moment.',
    failed: 'The screen was not enrolled',
    notEnrolled: 'The screen is not enrolled',
    askForCode: 'Ask the staff for a code for this screen, and type it here.',
    codeLabel: 'Code for this screen',
    codeHelp: 'The code has 10 characters, e.g. ABCDE-FGHJK.',
    submit: 'Enrol the screen',
    tryAgain: 'Try again',
    showScreen: 'Show the screen',
    scan: 'Scan the code',
    scanHelp: 'Hold the code from the staff screen up to the camera.',
    scanBack: 'Back',
    scanNotCode: 'That is not a code for this screen. Show the code from the staff page.',
    scanNoCamera: 'The camera cannot be used. Type the code instead.',
    errors: {
      code_expired:
        'The code has expired. It works for 10 minutes only. Ask the staff for a new one.',
      code_used: 'The code has been used already. Ask the staff for a new one.',
      code_unknown: 'There is no such code. Check it, or ask the staff for a new one.',
      device_revoked: 'The staff have removed this screen. Ask them for a new code.',
      rate_limited: 'There have been too many tries. Wait a minute and try again.',
      network: 'The screen cannot reach the server. Try again in a moment.',
      other: 'The screen could not be enrolled. Ask the staff for help.',
    },
  },
);

export type EnrolText = (typeof enrolWords)['da'];

export const enrolText = (lang: Lang): EnrolText => enrolWords[lang];

/** What went wrong with enrolling the kiosk, in the kiosk's language. */
export function enrolErrorText(error: string, serverMessage: string, lang: Lang = 'da'): string {
  const e = enrolText(lang).errors;
  switch (error) {
    case 'code_expired':
    case 'code_used':
    case 'code_unknown':
    case 'device_revoked':
    case 'rate_limited':
    case 'network':
      return e[error];
    case 'invalid':
      return e.code_unknown;
    default:
      return serverMessage || e.other;
  }
}
