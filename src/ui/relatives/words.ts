/** The invitation page's words (the shell's are in shell/words.ts, each page's beside it). */
import { defineWords } from '../shared/i18n/words.js';

export const familyWords = defineWords(
  {
    appName: 'Borgerguide',
    accept: {
      title: 'Velkommen',
      intro:
        'Du er inviteret til at følge med i din pårørendes dag. Vælg en adgangskode, så kan du logge ind.',
      username: 'Brugernavn (valgfrit)',
      usernameHint:
        'Lad feltet stå tomt, så vælger vi et for dig. Bogstaver, tal og . _ @ - (2 til 64 tegn).',
      password: 'Adgangskode',
      passwordHint: 'Mindst 8 tegn.',
      repeat: 'Skriv adgangskoden igen',
      mismatch: 'De to adgangskoder er ikke ens.',
      tooShort: 'Adgangskoden skal have mindst 8 tegn.',
      badUsername: 'Brugernavnet må kun have bogstaver, tal og . _ @ - (2 til 64 tegn).',
      submit: 'Opret adgang',
      sending: 'Opretter …',
      noToken: 'Linket mangler en del. Åbn hele linket fra personalet igen, eller bed om et nyt.',
      offline: 'Der er ingen forbindelse. Prøv igen om lidt.',
      failed: 'Det lykkedes ikke: {{why}}',
      errors: {
        invitation_unknown: 'Linket virker ikke. Bed personalet om et nyt.',
        invitation_expired: 'Linket er udløbet (det virker i 7 dage). Bed personalet om et nyt.',
        invitation_used: 'Linket er allerede brugt. Log ind med dit brugernavn og din adgangskode.',
        invitation_revoked: 'Personalet har trukket linket tilbage. Bed dem om et nyt.',
        username_taken: 'Brugernavnet er taget. Vælg et andet.',
        rate_limited: 'For mange forsøg. Vent 15 minutter, og prøv igen.',
      },
    },
  },
  {
    appName: 'Citizen Guide',
    accept: {
      title: 'Welcome',
      intro:
        'You are invited to follow your relative’s day. Choose a password, and you can log in.',
      username: 'Username (optional)',
      usernameHint:
        'Leave it empty and we choose one for you. Letters, digits and . _ @ - (2 to 64 characters).',
      password: 'Password',
      passwordHint: 'At least 8 characters.',
      repeat: 'Type the password again',
      mismatch: 'The two passwords are not the same.',
      tooShort: 'The password needs at least 8 characters.',
      badUsername: 'The username may hold only letters, digits and . _ @ - (2 to 64 characters).',
      submit: 'Create access',
      sending: 'Creating …',
      noToken:
        'Part of the link is missing. Open the whole link from the staff again, or ask for a new one.',
      offline: 'There is no connection. Try again in a moment.',
      failed: 'It did not work: {{why}}',
      errors: {
        invitation_unknown: 'The link does not work. Ask the staff for a new one.',
        invitation_expired:
          'The link has expired (it works for 7 days). Ask the staff for a new one.',
        invitation_used: 'The link has been used already. Log in with your username and password.',
        invitation_revoked: 'The staff withdrew the link. Ask them for a new one.',
        username_taken: 'The username is taken. Choose another.',
        rate_limited: 'Too many attempts. Wait 15 minutes and try again.',
      },
    },
  },
);

export type FamilyWords = (typeof familyWords)['da'];

/** The relative's language: English when the browser prefers it, Danish otherwise. */
export function familyLang(languages: readonly string[] = navigator.languages): 'da' | 'en' {
  for (const l of languages) {
    if (l.startsWith('da')) return 'da';
    if (l.startsWith('en')) return 'en';
  }
  return 'da';
}

/** `{{name}}` filled in. */
export const fill = (text: string, values: Record<string, string>): string =>
  text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
