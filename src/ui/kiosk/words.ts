/**
 * The kiosk's Danish words, in easy-read style: one idea per sentence, the same word for the same
 * thing everywhere ("tilmeld"), times as residents say them ("kl. 14.30"). Pure functions.
 */
import type { Rejection } from '../../client/index.js';
import type { Activity } from '../../domain/model.js';
import { localTimeOf, weekdayOf } from '../../domain/rules/days.js';

const WEEKDAYS = ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'];
const MONTHS = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];

/** "tirsdag den 24. november 2026" for the local date '2026-11-24'. */
export function dateInWords(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = WEEKDAYS[weekdayOf(date)] ?? '';
  const month = MONTHS[(m ?? 1) - 1] ?? '';
  // No-break spaces keep "24. november 2026" together when the line wraps.
  return `${weekday} den ${d ?? ''}.\u00a0${month}\u00a0${y ?? ''}`;
}

/** "14.30": the centre's wall clock at `instant`, with the Danish dot. */
export function clockOf(instant: Date | string, timeZone: string): string {
  return localTimeOf(instant, timeZone).replace(':', '.');
}

/** "kl. 14.30" */
export const klokken = (instant: Date | string, timeZone: string): string =>
  `kl. ${clockOf(instant, timeZone)}`;

/** "Anna" from "Anna Hansen": the wall screen shows first names only. */
export const firstName = (displayName: string): string =>
  displayName.trim().split(/\s+/)[0] ?? displayName;

/** Places left, or that the activity is full (and whether there is a waiting list). */
export function placesText(a: Pick<Activity, 'capacity' | 'confirmedCount' | 'waitlist'>): string {
  if (a.capacity === null) return 'Der er plads til alle.';
  const left = a.capacity - a.confirmedCount;
  if (left <= 0) return a.waitlist ? 'Fuld – venteliste' : 'Fuld';
  return left === 1 ? '1 ledig plads' : `${left} ledige pladser`;
}

export const isFull = (a: Pick<Activity, 'capacity' | 'confirmedCount'>): boolean =>
  a.capacity !== null && a.confirmedCount >= a.capacity;

/** Why the server said no, in plain words, by the protocol's rejection code. */
export function rejectionText(r: Pick<Rejection, 'code' | 'reason'>): string {
  switch (r.code) {
    case 'full':
      return 'Aktiviteten er fuld.';
    case 'closed':
      return r.reason === 'activity_ended'
        ? 'Aktiviteten er begyndt. Tilmeldingen er lukket.'
        : 'Tilmeldingen er lukket.';
    case 'not_found':
      return 'Aktiviteten findes ikke længere.';
    case 'forbidden':
      return 'Du kan ikke tilmelde dig her. Spørg personalet.';
    case 'conflict':
      return 'Det passer ikke med noget andet. Spørg personalet.';
    case 'invalid':
      return 'Noget gik galt. Spørg personalet.';
  }
}

/** What went wrong with an enrolment code, by the server's `error` code. */
export function enrolErrorText(error: string, serverMessage: string): string {
  switch (error) {
    case 'code_expired':
      return 'Koden er udløbet. Den virker kun i 10 minutter. Bed personalet om en ny kode.';
    case 'code_used':
      return 'Koden er allerede brugt. Bed personalet om en ny kode.';
    case 'code_unknown':
    case 'invalid':
      return 'Koden findes ikke. Tjek koden, eller bed personalet om en ny kode.';
    case 'device_revoked':
      return 'Personalet har fjernet denne skærm. Bed dem om en ny kode.';
    case 'rate_limited':
      return 'Der har været for mange forsøg. Vent et minut, og prøv igen.';
    case 'network':
      return 'Skærmen kan ikke få forbindelse til serveren. Prøv igen om lidt.';
    default:
      return serverMessage || 'Skærmen kunne ikke tilmeldes. Bed personalet om hjælp.';
  }
}
