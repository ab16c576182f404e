/**
 * A demo centre: a name, two groups, 12 residents (most with wall consent), a week of day
 * structure, meals, duty roster, activities with small capacities, two bookable resources and a
 * few news posts, all relative to "today" in the centre's time zone. Written through the same
 * Writer as mutations, so it lands in the change log like any other change.
 */
import type { Kysely } from 'kysely';
import {
  entitySchemas,
  type Activity,
  type DayItem,
  type EntityOf,
  type EntityType,
  type Meal,
  type Resident,
  type Shift,
} from '../../domain/model.js';
import { addDaysToDate, dayOf, zonedInstant } from '../../domain/rules/days.js';
import type { Database } from '../store/schema.js';
import { lockHead } from '../store/store.js';
import { Writer } from '../store/writer.js';

export const DEMO_TIME_ZONE = 'Europe/Copenhagen';

const residents: [string, string, boolean][] = [
  ['Anna', 'g-birk', true],
  ['Bent', 'g-birk', true],
  ['Carla', 'g-birk', true],
  ['Dennis', 'g-birk', false],
  ['Eva', 'g-birk', true],
  ['Frank', 'g-birk', true],
  ['Gitte', 'g-eg', true],
  ['Hassan', 'g-eg', true],
  ['Ida', 'g-eg', false],
  ['Jonas', 'g-eg', true],
  ['Karen', 'g-eg', true],
  ['Lars', 'g-eg', true],
];

const dayPlan: [string, string, string][] = [
  ['07:30', 'Morgenmad', 'breakfast'],
  ['09:00', 'Gåtur', 'walk'],
  ['10:30', 'Kaffe', 'coffee'],
  ['12:00', 'Frokost', 'lunch'],
  ['13:00', 'Hvil', 'rest'],
  ['14:30', 'Aktivitet', 'activity'],
  ['17:30', 'Aftensmad', 'dinner'],
  ['19:30', 'Fjernsyn', 'tv'],
  ['21:30', 'Sengetid', 'bed'],
];

const dishes: [string, string[]][] = [
  ['Frikadeller med kartofler', ['æg', 'mælk']],
  ['Fiskefrikadeller med remoulade', ['fisk', 'æg']],
  ['Boller i karry', ['gluten', 'mælk']],
  ['Kylling med ris', []],
  ['Grøntsagssuppe med brød', ['gluten', 'selleri']],
  ['Lasagne', ['gluten', 'mælk']],
  ['Stegt flæsk med persillesovs', ['mælk']],
];

const activities: [string, string, string, string, string, number | null][] = [
  ['Bankospil', 'bingo', 'Fælles stuen', '14:30', '16:00', 6],
  ['Gåtur i parken', 'walk', 'Parken', '10:00', '11:00', 4],
  ['Musik og sang', 'music', 'Fælles stuen', '15:00', '16:00', 8],
  ['Bagning', 'baking', 'Køkkenet', '13:30', '15:00', 3],
  ['Tur i minibus', 'bus', 'Indgangen', '10:00', '13:00', 5],
];

export async function seedDemo(db: Kysely<Database>, now = new Date()): Promise<boolean> {
  const existing = await db.selectFrom('centre').select('id').executeTakeFirst();
  if (existing) return false;
  const tz = DEMO_TIME_ZONE;
  const today = dayOf(now, tz);
  const at = (date: string, time: string): string => zonedInstant(date, time, tz).toISOString();

  await db.transaction().execute(async (trx) => {
    const w = new Writer(trx, await lockHead(trx, 'sqlite'), now);
    const put = async <T extends EntityType>(type: T, record: EntityOf<T>): Promise<void> => {
      await w.put(type, entitySchemas[type].parse(record) as EntityOf<T>);
    };
    await put('centre', { id: 'centre', name: 'Bostedet Solsikken', timeZone: tz });
    await put('group', { id: 'g-birk', name: 'Birkehuset' });
    await put('group', { id: 'g-eg', name: 'Egehuset' });

    for (const [i, [name, group, consent]] of residents.entries()) {
      const r: Resident = {
        id: `r-${name.toLowerCase()}`,
        displayName: name,
        photo: null,
        pictogram: 'person',
        groupIds: [group],
        wallConsent: consent,
        hasPin: false,
        mealSignUp: i % 3 !== 2,
      };
      await put('resident', r);
    }

    for (let d = 0; d < 7; d++) {
      const date = addDaysToDate(today, d);
      for (const group of ['g-birk', 'g-eg']) {
        for (const [j, [time, title, pictogram]] of dayPlan.entries()) {
          const item: DayItem = {
            id: `di-${group}-${date}-${j}`,
            residentId: null,
            groupId: group,
            date,
            start: time,
            end: dayPlan[j + 1]?.[0] ?? '23:00',
            title,
            pictogram,
            changedOn: null,
          };
          await put('dayitem', item);
        }
      }
      await put('dayitem', {
        id: `di-anna-${date}`,
        residentId: 'r-anna',
        groupId: null,
        date,
        start: '11:00',
        end: '11:45',
        title: 'Fysioterapi',
        pictogram: 'physio',
        changedOn: null,
      });

      const [dish, allergens] = dishes[d % dishes.length] ?? ['Dagens ret', []];
      const meals: Meal[] = [
        {
          id: `m-${date}-breakfast`,
          date,
          slot: 'breakfast',
          dish: 'Havregryn og brød',
          description: '',
          allergens: ['gluten', 'mælk'],
          photo: null,
          pictogram: 'breakfast',
        },
        {
          id: `m-${date}-lunch`,
          date,
          slot: 'lunch',
          dish: 'Smørrebrød',
          description: 'Rugbrød med pålæg',
          allergens: ['gluten'],
          photo: null,
          pictogram: 'lunch',
        },
        {
          id: `m-${date}-dinner`,
          date,
          slot: 'dinner',
          dish,
          description: '',
          allergens,
          photo: null,
          pictogram: 'dinner',
        },
      ];
      for (const m of meals) await put('meal', m);

      const shifts: Shift[] = [
        {
          id: `s-${date}-am-birk`,
          staffName: ['Mette', 'Søren', 'Lene'][d % 3] ?? 'Mette',
          photo: null,
          start: at(date, '07:00'),
          end: at(date, '15:00'),
          groupId: 'g-birk',
        },
        {
          id: `s-${date}-am-eg`,
          staffName: ['Ali', 'Pia', 'Jens'][d % 3] ?? 'Ali',
          photo: null,
          start: at(date, '07:00'),
          end: at(date, '15:00'),
          groupId: 'g-eg',
        },
        {
          id: `s-${date}-pm`,
          staffName: ['Hanne', 'Kim', 'Tina'][d % 3] ?? 'Hanne',
          photo: null,
          start: at(date, '15:00'),
          end: at(date, '23:00'),
          groupId: null,
        },
        {
          id: `s-${date}-night`,
          staffName: 'Ole',
          photo: null,
          start: at(date, '23:00'),
          end: at(addDaysToDate(date, 1), '07:00'),
          groupId: null,
        },
      ];
      for (const s of shifts) await put('shift', s);

      for (const [k, [title, pictogram, place, from, to, capacity]] of activities.entries()) {
        if ((d + k) % 2 === 1) continue;
        const a: Activity = {
          id: `a-${date}-${k}`,
          title,
          description: '',
          pictogram,
          place,
          start: at(date, from),
          end: at(date, to),
          capacity,
          waitlist: k !== 3,
          signupDeadline: k === 4 ? at(addDaysToDate(date, -1), '12:00') : null,
          audience: { kind: 'all' },
          recurrence: null,
          seriesId: null,
          confirmedCount: 0,
          waitlistCount: 0,
        };
        await put('activity', a);
      }
    }

    await put('resource', {
      id: 'res-washer',
      name: 'Vaskemaskine',
      pictogram: 'washing-machine',
      slotMinutes: 120,
      opening: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '08:00', to: '20:00' })),
      maxActivePerResident: 2,
    });
    await put('resource', {
      id: 'res-guestroom',
      name: 'Gæsteværelse',
      pictogram: 'guest-room',
      slotMinutes: 24 * 60,
      opening: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '00:00', to: '00:00' })),
      maxActivePerResident: 1,
    });

    const news: [string, string][] = [
      ['Julefrokost', 'Fredag holder vi julefrokost i fælles stuen. Alle er velkomne.'],
      ['Ny medarbejder', 'Pia er startet i Egehuset. Sig hej til hende.'],
      ['Frisøren kommer', 'Frisøren kommer på tirsdag. Skriv dig på listen.'],
    ];
    for (const [i, [title, body]] of news.entries()) {
      await put('news', {
        id: `n-${i}`,
        title,
        body,
        media: [],
        publishAt: new Date(now.getTime() - (i + 1) * 86_400_000).toISOString(),
        expiresAt: null,
        audience: { kind: 'all' },
      });
    }
    await w.flush();
  });
  return true;
}
