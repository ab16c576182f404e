/** Small, explicit centre data for tests, written through staff mutations (the real path). */
import type { Activity, EntityOf, Resident, Resource } from '../../src/domain/model.js';
import type { MutationArgs } from '../../src/protocol/index.js';
import { apply, type SyncSocket } from './test-server.js';

export const HOUR = 3_600_000;

export function resident(
  id: string,
  overrides: Partial<Omit<Resident, 'consent'>> = {},
): MutationArgs<'resident.put'> {
  return {
    id,
    displayName: id,
    photo: null,
    pictogram: null,
    groupIds: ['g1'],
    wallConsent: true,
    mealSignUp: true,
    ...overrides,
  };
}

export function activity(
  id: string,
  overrides: Partial<Omit<Activity, 'confirmedCount' | 'waitlistCount' | 'seriesId'>> = {},
): MutationArgs<'activity.put'> {
  const start = new Date(Date.now() + 24 * HOUR);
  return {
    id,
    title: `Activity ${id}`,
    description: '',
    pictogram: null,
    place: 'Stuen',
    start: start.toISOString(),
    end: new Date(start.getTime() + HOUR).toISOString(),
    capacity: 5,
    waitlist: true,
    signupDeadline: null,
    audience: { kind: 'all' },
    recurrence: null,
    ...overrides,
  };
}

/**
 * Activity `i` of a long-running run (bench, soak), as the store holds it: an hour and more after
 * `now`, on a quarter hour, half an hour apart, room for everyone and a waiting list, so Home's
 * "Bagefter" keeps showing it and every sign-up confirms.
 */
export function laterActivity(
  id: string,
  title: string,
  i: number,
  now: number,
): EntityOf<'activity'> {
  const quarter = 15 * 60_000;
  const start = Math.ceil((now + HOUR + i * 30 * 60_000) / quarter) * quarter;
  return {
    id,
    title,
    description: 'Kom og vær med.',
    pictogram: 'coffee',
    place: 'Fælles stuen',
    start: new Date(start).toISOString(),
    end: new Date(start + HOUR).toISOString(),
    capacity: 40,
    waitlist: true,
    signupDeadline: null,
    audience: { kind: 'all' },
    recurrence: null,
    seriesId: null,
    confirmedCount: 0,
    waitlistCount: 0,
  };
}

/** A resource open all day every day with one-hour slots. */
export function resource(id: string, overrides: Partial<Resource> = {}): Resource {
  return {
    id,
    name: `Resource ${id}`,
    pictogram: null,
    slotMinutes: 60,
    opening: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '00:00', to: '00:00' })),
    maxActivePerResident: 3,
    audience: { kind: 'all' },
    ...overrides,
  };
}

/** The resident's consent for the relatives' view, as `resident.put` takes it. */
export const relativesConsent = { relatives: { given: true, by: 'resident' } } as const;

/**
 * Residents r1..rN (wall consent for all unless said; consent for the relatives' view for all,
 * without which no relative receives anything of them) and a group.
 */
export async function seedResidents(
  staff: SyncSocket,
  n: number,
  consent: (i: number) => boolean = () => true,
): Promise<string[]> {
  await apply(staff, 'group.put', { id: 'g1', name: 'Gruppe 1' });
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const id = `r${i}`;
    await apply(staff, 'resident.put', {
      ...resident(id, { wallConsent: consent(i) }),
      consent: relativesConsent,
    });
    ids.push(id);
  }
  return ids;
}

/** The next whole hour at least `hoursAhead` from now, as a Date. */
export function wholeHourAhead(hoursAhead: number): Date {
  const d = new Date(Date.now() + hoursAhead * HOUR);
  d.setUTCMinutes(0, 0, 0);
  return d;
}
