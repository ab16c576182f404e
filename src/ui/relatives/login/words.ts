import { defineWords } from '../../shared/i18n/words.js';

export const loginWords = defineWords(
  {
    title: 'Log ind',
    intro: 'Her kan du følge med i din pårørendes dag på centret.',
    username: 'Brugernavn',
    password: 'Adgangskode',
    submit: 'Log ind',
    sending: 'Logger ind …',
    missing: 'Skriv dit brugernavn og din adgangskode.',
    wrong: 'Brugernavnet eller adgangskoden er forkert.',
    busy: 'Der er travlt lige nu. Prøv igen om et øjeblik.',
    offline: 'Der er ingen forbindelse. Prøv igen, når telefonen er på nettet.',
    notRelative:
      'Denne side er for pårørende. Personalet logger ind på personalets side (/staff/).',
    staffSignedIn:
      'Du er logget ind som personale i denne browser. Log ind med en pårørendes brugernavn for at se siden for pårørende.',
    limited_one: 'For mange forsøg. Vent 1 minut, og prøv igen.',
    limited_other: 'For mange forsøg. Vent {{count}} minutter, og prøv igen.',
    forgot: 'Glemt adgangskode?',
    forgotAnswer:
      'Bed personalet om en ny invitation. Så får du et nyt link, hvor du vælger en ny adgangskode.',
    ended: {
      title: 'Du er logget ud',
      body: 'Din adgang er stoppet. Spørg personalet.',
    },
    loggedOut: 'Du er logget ud.',
  },
  {
    title: 'Log in',
    intro: 'Here you can follow your relative’s day at the centre.',
    username: 'Username',
    password: 'Password',
    submit: 'Log in',
    sending: 'Logging in …',
    missing: 'Type your username and your password.',
    wrong: 'The username or the password is wrong.',
    busy: 'It is busy right now. Try again in a moment.',
    offline: 'There is no connection. Try again when the phone is online.',
    notRelative: 'This page is for relatives. Staff log in on the staff page (/staff/).',
    staffSignedIn:
      'You are logged in as staff in this browser. Log in with a relative’s username to see the relatives’ page.',
    limited_one: 'Too many attempts. Wait 1 minute and try again.',
    limited_other: 'Too many attempts. Wait {{count}} minutes and try again.',
    forgot: 'Forgot your password?',
    forgotAnswer:
      'Ask the staff for a new invitation. You get a new link where you choose a new password.',
    ended: {
      title: 'You are logged out',
      body: 'Your access has been stopped. Ask the staff.',
    },
    loggedOut: 'You are logged out.',
  },
);
