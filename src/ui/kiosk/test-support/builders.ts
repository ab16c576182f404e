/** Cache rows for kiosk component tests: plain records as the server would send them. */
import { legacyConsent } from '../../../domain/rules/consent.js';
import type {
  Activity,
  Booking,
  DayItem,
  Meal,
  MealAttendance,
  News,
  Resident,
  Resource,
  Shift,
  SignUp,
} from '../../../domain/model.js';

export const TZ = 'Europe/Copenhagen';

/** An instant from a Copenhagen wall-clock date and time in winter (UTC+1). */
export const cph = (date: string, time: string): string =>
  new Date(`${date}T${time}:00+01:00`).toISOString();

export const resident = (id: string, o: Partial<Resident> = {}): Resident => ({
  id,
  displayName: id.replace(/^r-/, '').replace(/^./, (c) => c.toUpperCase()),
  photo: null,
  pictogram: null,
  groupIds: ['g1'],
  wallConsent: true,
  consent: legacyConsent(o.wallConsent ?? true),
  hasPin: false,
  mealSignUp: true,
  ...o,
});

export const activity = (id: string, o: Partial<Activity> = {}): Activity => ({
  id,
  title: `Aktivitet ${id}`,
  description: '',
  pictogram: 'bingo',
  place: 'Stuen',
  start: cph('2026-11-24', '14:00'),
  end: cph('2026-11-24', '15:00'),
  capacity: 5,
  waitlist: true,
  signupDeadline: null,
  audience: { kind: 'all' },
  recurrence: null,
  seriesId: null,
  confirmedCount: 0,
  waitlistCount: 0,
  ...o,
});

export const signup = (
  activityId: string,
  residentId: string,
  o: Partial<SignUp> = {},
): SignUp => ({
  id: `${activityId}:${residentId}`,
  activityId,
  residentId,
  status: 'confirmed',
  position: null,
  order: 1,
  source: 'kiosk',
  updatedAt: cph('2026-11-24', '08:00'),
  ...o,
});

export const dayItem = (id: string, o: Partial<DayItem> = {}): DayItem => ({
  id,
  residentId: null,
  groupId: 'g1',
  date: '2026-11-24',
  start: '12:00',
  end: null,
  title: `Punkt ${id}`,
  pictogram: 'lunch',
  changedOn: null,
  ...o,
});

export const meal = (id: string, o: Partial<Meal> = {}): Meal => ({
  id,
  date: '2026-11-24',
  slot: 'lunch',
  dish: 'Smørrebrød',
  description: '',
  allergens: [],
  photo: null,
  pictogram: 'lunch',
  ...o,
});

export const mealAttendance = (
  mealId: string,
  residentId: string,
  attending: boolean,
): MealAttendance => ({
  id: `${mealId}:${residentId}`,
  mealId,
  residentId,
  attending,
  updatedAt: cph('2026-11-24', '08:00'),
});

export const news = (id: string, o: Partial<News> = {}): News => ({
  id,
  title: `Nyhed ${id}`,
  body: 'Tekst.',
  media: [],
  publishAt: cph('2026-11-23', '09:00'),
  expiresAt: null,
  audience: { kind: 'all' },
  ...o,
});

export const resource = (id: string, o: Partial<Resource> = {}): Resource => ({
  audience: { kind: 'all' },
  id,
  name: `Ressource ${id}`,
  pictogram: 'washing-machine',
  slotMinutes: 120,
  opening: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '08:00', to: '20:00' })),
  maxActivePerResident: 2,
  ...o,
});

export const booking = (id: string, o: Partial<Booking> = {}): Booking => ({
  id,
  resourceId: 'res-1',
  residentId: null,
  start: cph('2026-11-24', '10:00'),
  end: cph('2026-11-24', '12:00'),
  status: 'active',
  ...o,
});

export const shift = (id: string, o: Partial<Shift> = {}): Shift => ({
  id,
  staffName: 'Mette',
  photo: null,
  start: cph('2026-11-24', '07:00'),
  end: cph('2026-11-24', '15:00'),
  groupId: null,
  ...o,
});
