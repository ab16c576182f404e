/**
 * A demo centre: a name, two groups, 12 residents (most with wall consent), a week of day
 * structure, meals, duty roster, activities with small capacities, two bookable resources and a
 * few news posts, all relative to "today" in the centre's time zone. Written through the same
 * Writer as mutations, so it lands in the change log like any other change.
 *
 * Given the data directory, residents, staff, dinners and one news post get drawn pictures
 * (stored as media blobs); without it every photo is null. Bent has a PIN (`DEMO_PIN_RESIDENT`).
 */
import { legacyConsent } from '../../domain/rules/consent.js';
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
import { hashPassword } from '../auth/tokens.js';
import { setPinHash } from '../store/secrets.js';
import { lockHead } from '../store/store.js';
import { Writer } from '../store/writer.js';
import type { Dish } from './dishes.js';
import { storeDemoPictures, type DemoPictures } from './pictures.js';
import type { Scene } from './scenes.js';
import { demoConsent, demoRelativesMayAct } from './relative.js';

export const DEMO_TIME_ZONE = 'Europe/Copenhagen';

/** The demo shows this many days from today. */
export const DEMO_DAYS = 7;

/** The demo resident with a PIN, so the PIN flow can be tried on the kiosk. */
export const DEMO_PIN_RESIDENT = { id: 'r-bent', name: 'Bent', pin: '1234' } as const;

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

// Allergens by their codes in the EU's list (domain/allergens.ts); the wall shows their names.
const dishes: [string, string[], Dish][] = [
  ['Frikadeller med kartofler', ['eggs', 'milk'], 'meatballs'],
  ['Fiskefrikadeller med remoulade', ['fish', 'eggs'], 'fishcakes'],
  ['Boller i karry', ['gluten', 'milk'], 'curry'],
  ['Kylling med ris', [], 'chicken'],
  ['Grøntsagssuppe med brød', ['gluten', 'celery'], 'soup'],
  ['Lasagne', ['gluten', 'milk'], 'lasagne'],
  ['Stegt flæsk med persillesovs', ['milk'], 'pork'],
];

const activities: [string, string, string, string, string, number | null][] = [
  ['Bankospil', 'bingo', 'Fælles stuen', '14:30', '16:00', 6],
  ['Gåtur i parken', 'walk', 'Parken', '10:00', '11:00', 4],
  ['Musik og sang', 'music', 'Fælles stuen', '15:00', '16:00', 8],
  ['Bagning', 'baking', 'Køkkenet', '13:30', '15:00', 3],
  ['Tur i minibus', 'bus', 'Indgangen', '10:00', '13:00', 5],
];

export interface SeedOptions {
  /** Where media blobs go (`<dataDir>/media`); without it the demo has no pictures. */
  dataDir?: string;
  /**
   * The centre's time zone (default Copenhagen). Tests give one where it is daytime now, so the
   * demo's day (meals, activities, free slots) still lies ahead whenever they run.
   */
  timeZone?: string;
}

export async function seedDemo(
  db: Kysely<Database>,
  now = new Date(),
  options: SeedOptions = {},
): Promise<boolean> {
  const existing = await db.selectFrom('centre').select('id').executeTakeFirst();
  if (existing) return false;
  const pictures: DemoPictures | null = options.dataDir
    ? await storeDemoPictures(options.dataDir)
    : null;
  const photo = (name: string): string | null => pictures?.portrait(name) ?? null;
  // Hashed before the transaction: scrypt is slow on purpose, the write lock need not wait.
  const pinHash = await hashPassword(DEMO_PIN_RESIDENT.pin);
  const tz = options.timeZone ?? DEMO_TIME_ZONE;
  const today = dayOf(now, tz);
  const at = (date: string, time: string): string => zonedInstant(date, time, tz).toISOString();

  await db.transaction().execute(async (trx) => {
    const w = new Writer(trx, await lockHead(trx), now);
    const put = async <T extends EntityType>(type: T, record: EntityOf<T>): Promise<void> => {
      await w.put(type, entitySchemas[type].parse(record) as EntityOf<T>);
    };
    const day: DayContext = { put, photo, pictures, at };
    await put('centre', { id: 'centre', name: 'Bostedet Solsikken', timeZone: tz });
    await put('group', { id: 'g-birk', name: 'Birkehuset' });
    await put('group', { id: 'g-eg', name: 'Egehuset' });

    for (const [i, [name, group, consent]] of residents.entries()) {
      const r: Resident = {
        id: `r-${name.toLowerCase()}`,
        displayName: name,
        photo: photo(name),
        pictogram: 'person',
        groupIds: [group],
        wallConsent: consent,
        consent: demoConsent(`r-${name.toLowerCase()}`, legacyConsent(consent), now),
        hasPin: name === DEMO_PIN_RESIDENT.name,
        mealSignUp: i % 3 !== 2,
        ...(demoRelativesMayAct(`r-${name.toLowerCase()}`) ? { relativesMayAct: true } : {}),
      };
      await put('resident', r);
    }
    await setPinHash(trx, DEMO_PIN_RESIDENT.id, pinHash);

    for (let d = 0; d < DEMO_DAYS; d++) await putDay(day, addDaysToDate(today, d), d);
    // Between midnight and 07:00 the one on duty is the night shift that began yesterday.
    await put('shift', nightShift(day, addDaysToDate(today, -1)));
    // Each house's weekday plan as templates, so staff can fill next week in one click
    // (Dagsstruktur, dayitem.applyTemplates).
    for (const group of ['g-birk', 'g-eg'])
      for (const weekday of [1, 2, 3, 4, 5])
        for (const [j, [time, title, pictogram]] of dayPlan.entries())
          await put('daytemplate', {
            id: `dt-${group}-${weekday}-${j}`,
            residentId: null,
            groupId: group,
            weekday,
            start: time,
            end: dayPlan[j + 1]?.[0] ?? '23:00',
            title,
            pictogram,
          });

    await put('resource', {
      id: 'res-washer',
      name: 'Vaskemaskine',
      pictogram: 'washing-machine',
      slotMinutes: 120,
      opening: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '08:00', to: '20:00' })),
      maxActivePerResident: 2,
      audience: { kind: 'all' },
      // A wash nobody started within 15 minutes is given back for others to book.
      releaseAfterMinutes: 15,
    });
    await put('resource', {
      id: 'res-guestroom',
      name: 'Gæsteværelse',
      pictogram: 'guest-room',
      slotMinutes: 24 * 60,
      opening: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '00:00', to: '00:00' })),
      maxActivePerResident: 1,
      audience: { kind: 'all' },
    });

    const news: [string, string, string | null][] = [
      [
        'Julefrokost',
        'På fredag holder vi julefrokost i fælles stuen. Vi spiser klokken 12. ' +
          'Der er risalamande og små gaver. Alle er velkomne.',
        pictures?.festiveTable ?? null,
      ],
      ['Ny medarbejder', 'Pia er startet i Egehuset. Sig hej til hende.', photo('Pia')],
      ['Frisøren kommer', 'Frisøren kommer på tirsdag. Du kan tilmelde dig på skærmen.', null],
    ];
    for (const [i, [title, body, picture]] of news.entries()) {
      await put('news', {
        id: `n-${i}`,
        title,
        body,
        media: picture ? [{ hash: picture, kind: 'image', signLanguage: false }] : [],
        publishAt: new Date(now.getTime() - (i + 1) * 86_400_000).toISOString(),
        expiresAt: null,
        audience: { kind: 'all' },
      });
    }
    // Photo albums (issue 10): one for everyone, one for Birkehuset only (its kiosks and the
    // relatives of its residents). The demo's drawn scenes picture nobody.
    if (pictures) {
      const albums: [string, string, string | null, [Scene, string][]][] = [
        [
          'al-beach',
          'Tur til stranden',
          null,
          [
            ['beach', 'Vi var ved stranden i solskin.'],
            ['cake', 'Bagefter fik vi kaffe og kage.'],
            ['bus', 'Bussen kørte os hjem.'],
          ],
        ],
        ['al-garden', 'Forår i haven', 'g-birk', [['garden', 'Tulipanerne blomstrer.']]],
      ];
      for (const [i, [id, title, group, shots]] of albums.entries()) {
        const publishedAt = new Date(now.getTime() - (i + 1) * 2 * 86_400_000).toISOString();
        await put('album', {
          id,
          title,
          photos: shots.map(([scene, caption]) => ({ hash: pictures.scene(scene), caption })),
          audience: group ? { kind: 'groups', groupIds: [group] } : { kind: 'all' },
          consentConfirmed: true,
          publishedAt,
          updatedAt: publishedAt,
          updatedBy: 'demo',
        });
      }
    }
    await w.flush();
  });
  return true;
}

export type Put = <T extends EntityType>(type: T, record: EntityOf<T>) => Promise<void>;

export interface DayContext {
  put: Put;
  photo: (name: string) => string | null;
  pictures: DemoPictures | null;
  /** The instant of a local time on a date in the demo's time zone, as ISO text. */
  at: (date: string, time: string) => string;
}

/** The night shift that starts on `date` at 23:00 and ends the next morning at 07:00. */
export function nightShift({ photo, at }: Pick<DayContext, 'photo' | 'at'>, date: string): Shift {
  return {
    id: `s-${date}-night`,
    staffName: 'Ole',
    photo: photo('Ole'),
    start: at(date, '23:00'),
    end: at(addDaysToDate(date, 1), '07:00'),
    groupId: null,
  };
}

/** One day of the demo: day structure, meals, duty roster, activities; `d` varies the menu. */
export async function putDay(
  { put, photo, pictures, at }: DayContext,
  date: string,
  d: number,
): Promise<void> {
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
  // Bent has a PIN: his own item reaches a kiosk only after he types it (resident.unlock).
  await put('dayitem', {
    id: `di-bent-${date}`,
    residentId: 'r-bent',
    groupId: null,
    date,
    start: '13:30',
    end: '14:00',
    title: 'Frisør',
    pictogram: 'hairdresser',
    changedOn: null,
  });

  const [dish, allergens, kind] = dishes[d % dishes.length] ?? ['Dagens ret', [], 'meatballs'];
  const meals: Meal[] = [
    {
      id: `m-${date}-breakfast`,
      date,
      slot: 'breakfast',
      dish: 'Havregryn og brød',
      description: '',
      allergens: ['gluten', 'milk'],
      photo: pictures?.dish('porridge') ?? null,
      pictogram: 'breakfast',
    },
    {
      id: `m-${date}-lunch`,
      date,
      slot: 'lunch',
      dish: 'Smørrebrød',
      description: 'Rugbrød med pålæg',
      allergens: ['gluten'],
      photo: pictures?.dish('open-sandwiches') ?? null,
      pictogram: 'lunch',
    },
    {
      id: `m-${date}-dinner`,
      date,
      slot: 'dinner',
      dish,
      description: '',
      allergens,
      photo: pictures?.dish(kind) ?? null,
      pictogram: 'dinner',
    },
  ];
  for (const m of meals) await put('meal', m);

  const staff = (names: string[]): string => names[d % names.length] ?? 'Ole';
  const birk = staff(['Mette', 'Søren', 'Lene']);
  const eg = staff(['Ali', 'Pia', 'Jens']);
  const evening = staff(['Hanne', 'Kim', 'Tina']);
  const shifts: Shift[] = [
    {
      id: `s-${date}-am-birk`,
      staffName: birk,
      photo: photo(birk),
      start: at(date, '07:00'),
      end: at(date, '15:00'),
      groupId: 'g-birk',
    },
    {
      id: `s-${date}-am-eg`,
      staffName: eg,
      photo: photo(eg),
      start: at(date, '07:00'),
      end: at(date, '15:00'),
      groupId: 'g-eg',
    },
    {
      id: `s-${date}-pm`,
      staffName: evening,
      photo: photo(evening),
      start: at(date, '15:00'),
      end: at(date, '23:00'),
      groupId: null,
    },
    nightShift({ photo, at }, date),
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
