/** The shell's words: the frame, the navigation, the connection line, sending, logging in. */
import { defineWords } from '../../shared/i18n/words.js';

export const shellWords = defineWords(
  {
    appName: 'Borgerguide',
    skip: 'Gå til indholdet',
    loading: 'Henter …',
    youSee: 'Du ser:',
    switchResident: 'Skift person',
    chooseResident: 'Hvem vil du se?',
    close: 'Luk',
    noResidents:
      'Der er ikke nogen at vise endnu. Hvis det bliver ved, så spørg personalet, om din adgang er sat rigtigt op.',
    nav: {
      label: 'Menu',
      week: 'Uge',
      news: 'Nyheder',
      photos: 'Billeder',
      calendar: 'Kalender',
      more: 'Mere',
    },
    notFound: {
      title: 'Siden findes ikke',
      body: 'Gå tilbage til ugen.',
      link: 'Til ugen',
    },
    status: {
      offline: 'Ingen forbindelse – ændringer sendes, når der er forbindelse.',
      pending_one: '1 ændring venter på at blive sendt.',
      pending_other: '{{count}} ændringer venter på at blive sendt.',
      stuck: 'Noget kunne ikke sendes. Prøv at genindlæse siden.',
      old: 'Sidst opdateret {{when}}.',
    },
    send: {
      queued: 'Gemt på telefonen – sendes, når der er forbindelse.',
      sent: 'Sendt.',
      refused: 'Det gik ikke: {{why}}',
      dismiss: 'OK',
      because: {
        invalid: 'noget i det sendte var forkert.',
        forbidden: 'det må du ikke gøre for personen. Spørg personalet.',
        not_found: 'det findes ikke længere.',
        full: 'der er ikke flere pladser.',
        closed: 'det er for sent at tilmelde eller ændre.',
        conflict: 'noget andet er ændret i mellemtiden. Prøv igen.',
      },
    },
    welcome: {
      title: 'Du er logget ind',
      username: 'Dit brugernavn er {{username}}. Skriv det ned sammen med din adgangskode.',
      ok: 'OK, jeg har skrevet det ned',
    },
  },
  {
    appName: 'Citizen Guide',
    skip: 'Skip to content',
    loading: 'Loading …',
    youSee: 'You are viewing:',
    switchResident: 'Switch person',
    chooseResident: 'Who do you want to see?',
    close: 'Close',
    noResidents:
      'There is nobody to show yet. If it stays this way, ask the staff whether your access is set up right.',
    nav: {
      label: 'Menu',
      week: 'Week',
      news: 'News',
      photos: 'Photos',
      calendar: 'Calendar',
      more: 'More',
    },
    notFound: {
      title: 'This page does not exist',
      body: 'Go back to the week.',
      link: 'To the week',
    },
    status: {
      offline: 'No connection – changes are sent when there is a connection.',
      pending_one: '1 change is waiting to be sent.',
      pending_other: '{{count}} changes are waiting to be sent.',
      stuck: 'Something could not be sent. Try reloading the page.',
      old: 'Last updated {{when}}.',
    },
    send: {
      queued: 'Saved on the phone – sent when there is a connection.',
      sent: 'Sent.',
      refused: 'It did not work: {{why}}',
      dismiss: 'OK',
      because: {
        invalid: 'something in it was wrong.',
        forbidden: 'you may not do this for the person. Ask the staff.',
        not_found: 'it no longer exists.',
        full: 'there are no more places.',
        closed: 'it is too late to sign up or change it.',
        conflict: 'something else changed in the meantime. Try again.',
      },
    },
    welcome: {
      title: 'You are logged in',
      username: 'Your username is {{username}}. Write it down with your password.',
      ok: 'OK, I have written it down',
    },
  },
);
