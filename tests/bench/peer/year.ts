/**
 * A centre's year of our shapes, about 20,000 documents, for the peer comparison: 30 residents
 * (all with wall consent, so a whole-centre kiosk sees every record about them) in two houses,
 * and for each of 365 days (300 behind today, 64 ahead) six activities with three sign-ups each,
 * three meals with six lunch answers, nine day items per house, two shifts and a news post.
 * Plus the bench's own activities tomorrow (room for everyone, nobody signed up) for the sign-up
 * round trips. Written through the bench's Seeder (the store's Writer, one transaction).
 */
import type { EntityOf, EntityType } from '../../../src/domain/model.js';
import { legacyConsent } from '../../../src/domain/rules/consent.js';

type Put = <T extends EntityType>(type: T, record: EntityOf<T>) => Promise<void>;

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const RESIDENTS = Array.from({ length: 30 }, (_, i) => `r-peer-${i}`);
const GROUPS = ['g-peer-a', 'g-peer-b'];
/** Activities tomorrow that only the sign-up round trips use. */
export const SIGNUP_ACTIVITIES = Array.from({ length: 10 }, (_, i) => `peer-signup-${i}`);

const iso = (t: number): string => new Date(t).toISOString();
const hhmm = (h: number): string => `${String(h).padStart(2, '0')}:00`;

function activity(
  id: string,
  title: string,
  start: number,
  capacity: number,
): EntityOf<'activity'> {
  return {
    id,
    title,
    description: 'Kom og vær med til en hyggelig stund i fællesstuen. Personalet hjælper gerne.',
    pictogram: 'coffee',
    place: 'Fællesstuen',
    start: iso(start),
    end: iso(start + HOUR),
    capacity,
    waitlist: true,
    signupDeadline: null,
    audience: { kind: 'all' },
    recurrence: null,
    seriesId: null,
    confirmedCount: 0,
    waitlistCount: 0,
  };
}

/** An edit of year activity `i` as `activity.put` takes it (catch-up's changes). */
export function activityEdit(
  i: number,
  round: number,
  today: number,
): Omit<EntityOf<'activity'>, 'confirmedCount' | 'waitlistCount' | 'seriesId'> {
  const d = Math.floor(i / 6);
  const {
    confirmedCount: _c,
    waitlistCount: _w,
    seriesId: _s,
    ...rest
  } = activity(
    `act-${d}-${i % 6}`,
    `Aktivitet ${i % 6} (ændret ${round})`,
    dayStart(today, d) + (9 + (i % 6) * 2) * HOUR,
    12,
  );
  return rest;
}

const dayStart = (today: number, d: number): number =>
  Math.floor(today / DAY) * DAY + (d - 300) * DAY;

export async function seedYear(put: Put, today: number): Promise<number> {
  let n = 0;
  const p: Put = async (t, r) => {
    n++;
    await put(t, r);
  };
  await p('centre', { id: 'c-peer', name: 'Peer-centret', timeZone: 'Europe/Copenhagen' });
  for (const [i, id] of GROUPS.entries()) await p('group', { id, name: `Hus ${i + 1}` });
  for (const [i, id] of RESIDENTS.entries())
    await p('resident', {
      id,
      displayName: `Beboer ${i + 1}`,
      photo: null,
      pictogram: null,
      groupIds: [GROUPS[i % 2] ?? 'g-peer-a'],
      wallConsent: true,
      consent: legacyConsent(true),
      hasPin: false,
      mealSignUp: true,
    });
  for (let d = 0; d < 365; d++) {
    const day = dayStart(today, d);
    const date = iso(day).slice(0, 10);
    for (let k = 0; k < 6; k++) {
      const id = `act-${d}-${k}`;
      await p('activity', activity(id, `Aktivitet ${k}`, day + (9 + k * 2) * HOUR, 12));
      for (let s = 0; s < 3; s++) {
        const residentId = RESIDENTS[(d * 7 + k * 3 + s) % RESIDENTS.length] ?? '';
        await p('signup', {
          id: `${id}:${residentId}`,
          activityId: id,
          residentId,
          status: 'confirmed',
          position: null,
          order: d * 100 + k * 10 + s,
          source: 'kiosk',
          updatedAt: iso(day),
        });
      }
    }
    for (const slot of ['breakfast', 'lunch', 'dinner'] as const) {
      const mealId = `meal-${date}-${slot}`;
      await p('meal', {
        id: mealId,
        date,
        slot,
        dish: 'Frikadeller med nye kartofler og persillesovs',
        description: 'Med rødkål og agurkesalat.',
        allergens: ['gluten', 'milk'],
        photo: null,
        pictogram: 'lunch',
      });
      if (slot === 'lunch')
        for (let r = 0; r < 6; r++) {
          const residentId = RESIDENTS[(d + r * 5) % RESIDENTS.length] ?? '';
          await p('mealattendance', {
            id: `${mealId}:${residentId}`,
            mealId,
            residentId,
            attending: r % 3 !== 0,
            updatedAt: iso(day),
          });
        }
    }
    for (const groupId of GROUPS)
      for (let i = 0; i < 9; i++)
        await p('dayitem', {
          id: `day-${groupId}-${date}-${i}`,
          residentId: null,
          groupId,
          date,
          start: hhmm(7 + Math.floor(i * 1.5)),
          end: null,
          title: `Dagens punkt ${i + 1}`,
          pictogram: 'walk',
          changedOn: null,
        });
    for (const [j, staffName] of ['Mette', 'Ole'].entries())
      await p('shift', {
        id: `shift-${date}-${j}`,
        staffName,
        photo: null,
        start: iso(day + (7 + j * 8) * HOUR),
        end: iso(day + (15 + j * 8) * HOUR),
        groupId: null,
      });
    await p('news', {
      id: `news-${date}`,
      title: `Nyt fra centret ${date}`,
      body:
        'I morgen kommer musikerne fra kulturskolen og spiller i fællesstuen. Der er kaffe og kage ' +
        'bagefter. Alle er velkomne, også pårørende.',
      media: [],
      publishAt: iso(day + 8 * HOUR),
      expiresAt: null,
      audience: { kind: 'all' },
    });
  }
  const tomorrow = Math.floor(today / DAY) * DAY + DAY + 14 * HOUR;
  for (const [i, id] of SIGNUP_ACTIVITIES.entries())
    await p('activity', activity(id, `Tilmelding ${i + 1}`, tomorrow + i * HOUR, 1000));
  return n;
}
