import { defineWords } from '../../shared/i18n/words.js';

export const calendarWords = defineWords(
  {
    title: 'Kalender',
    intro:
      'Få {{name}}s aftaler på centret ind i kalenderen på din telefon. Den opdaterer sig selv.',
    what: 'I kalenderen kommer de aktiviteter, {{name}} er tilmeldt, bookinger og dagens faste punkter.',
    add: 'Tilføj til min kalender',
    noConsent:
      '{{name}} har ikke sagt ja til, at aftalerne kan ses i en kalender. Spørg personalet, hvis I gerne vil have det.',
    ready: 'Din kalenderadresse for {{name}}',
    how: 'Tryk på den knap, der passer til din kalender:',
    iphone: 'iPhone / iPad',
    google: 'Google Kalender',
    copy: 'Kopiér adressen',
    copied: 'Adressen er kopieret.',
    copyFailed: 'Kunne ikke kopiere. Hold fingeren på adressen for at kopiere den.',
    address: 'Adressen',
    saving: 'Adressen virker, så snart den er gemt på centret.',
    private: 'Adressen er privat. Del den kun med dem, der må se {{name}}s aftaler.',
    elsewhere:
      'Du har allerede en kalenderadresse for {{name}}, lavet {{when}}, men den er ikke gemt på denne telefon eller computer.',
    elsewhereHelp:
      'Du kan lave en ny adresse her. Den gamle holder så op med at virke, også i den kalender, der bruger den.',
    stopped: 'Din kalenderadresse for {{name}} er stoppet og virker ikke længere.',
    newAddress: 'Lav en ny adresse',
    confirmTitle: 'Lav en ny adresse?',
    confirmBody:
      'Den gamle adresse holder op med at virke. En kalender, der bruger den, får ikke flere aftaler.',
    confirmYes: 'Ja, lav en ny adresse',
    confirmNo: 'Fortryd',
  },
  {
    title: 'Calendar',
    intro:
      'Get {{name}}’s appointments at the centre into the calendar on your phone. It updates itself.',
    what: 'The calendar shows the activities {{name}} is signed up for, bookings and the fixed points of the day.',
    add: 'Add to my calendar',
    noConsent:
      '{{name}} has not agreed to showing the appointments in a calendar. Ask the staff if you would like it.',
    ready: 'Your calendar address for {{name}}',
    how: 'Press the button that fits your calendar:',
    iphone: 'iPhone / iPad',
    google: 'Google Calendar',
    copy: 'Copy the address',
    copied: 'The address is copied.',
    copyFailed: 'Could not copy. Hold your finger on the address to copy it.',
    address: 'The address',
    saving: 'The address works as soon as it is saved at the centre.',
    private:
      'The address is private. Share it only with those who may see {{name}}’s appointments.',
    elsewhere:
      'You already have a calendar address for {{name}}, made {{when}}, but it is not kept on this phone or computer.',
    elsewhereHelp:
      'You can make a new address here. The old one then stops working, also in the calendar that uses it.',
    stopped: 'Your calendar address for {{name}} has been stopped and no longer works.',
    newAddress: 'Make a new address',
    confirmTitle: 'Make a new address?',
    confirmBody:
      'The old address stops working. A calendar that uses it gets no more appointments.',
    confirmYes: 'Yes, make a new address',
    confirmNo: 'Cancel',
  },
);
