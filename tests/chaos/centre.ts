/**
 * The small centre the chaos run plays in: 20 residents (some without wall consent, some without
 * meal sign-up), 10 activities with small capacities (with and without a waiting list, one for a
 * group only, one whose deadline has passed), two resources with booking rules, and meals (one in
 * the past). Accounts are made straight in the data directory before the server starts, as an
 * operator would with the CLI; the data goes in through staff mutations, the real path.
 */
import { DEFAULT_TIME_ZONE } from '../../src/server/centre.js';
import type { MutationArgs } from '../../src/protocol/index.js';
import { createEnrolCode, createUser, enrol, login } from '../../src/server/auth/accounts.js';
import { openStore } from '../../src/server/store/open-store.js';
import { activity, HOUR, resident, resource, wholeHourAhead } from '../helpers/fixtures.js';
import { apply, type SyncSocket } from '../helpers/test-server.js';

export type ResidentRecord = MutationArgs<'resident.put'>;

export interface ChaosCentre {
  residents: ResidentRecord[];
  activityIds: string[];
  resourceIds: string[];
  mealIds: string[];
  /** Booking starts to choose from: a small set, so kiosks collide on slots. */
  slotStarts: Date[];
}

const DAY = 24 * HOUR;

/** The centre's local date `days` from now (meals are dated in the centre's time zone). */
function localDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DEFAULT_TIME_ZONE }).format(
    new Date(Date.now() + days * DAY),
  );
}

export function chaosCentre(): ChaosCentre {
  const residents = Array.from({ length: 20 }, (_, i) => {
    const n = i + 1;
    return resident(`r${n}`, {
      displayName: `Beboer ${n}`,
      groupIds: [n % 2 ? 'g1' : 'g2'],
      wallConsent: n % 3 !== 0,
      mealSignUp: n % 4 !== 0,
    });
  });
  return {
    residents,
    activityIds: Array.from({ length: 10 }, (_, i) => `a${i + 1}`),
    resourceIds: ['wash', 'bus'],
    mealIds: ['m-past', 'm1', 'm2', 'm3'],
    slotStarts: Array.from({ length: 24 }, (_, i) => wholeHourAhead(2 + i)),
  };
}

/** The activities: [capacity, waitlist] and the odd ones out. */
function activities(): MutationArgs<'activity.put'>[] {
  const shapes: [number | null, boolean][] = [
    [2, true],
    [3, true],
    [2, false],
    [4, false],
    [1, true],
    [3, true],
    [5, false],
    [2, true],
    [null, false],
    [3, true],
  ];
  const first = wholeHourAhead(30);
  return shapes.map(([capacity, waitlist], i) => {
    const start = new Date(first.getTime() + i * HOUR);
    return activity(`a${i + 1}`, {
      start: start.toISOString(),
      end: new Date(start.getTime() + HOUR).toISOString(),
      capacity,
      waitlist,
      // a6 is for group 1 only: kiosks acting for group 2 residents are refused.
      audience: i === 5 ? { kind: 'groups', groupIds: ['g1'] } : { kind: 'all' },
      // a10's deadline has passed: every sign-up and cancel is `closed`.
      signupDeadline: i === 9 ? new Date(Date.now() - HOUR).toISOString() : null,
    });
  });
}

function meals(): MutationArgs<'meal.put'>[] {
  const meal = (id: string, days: number, slot: 'lunch' | 'dinner'): MutationArgs<'meal.put'> => ({
    id,
    date: localDate(days),
    slot,
    dish: `Ret ${id}`,
    description: '',
    allergens: [],
    photo: null,
    pictogram: null,
  });
  return [
    meal('m-past', -3, 'lunch'),
    meal('m1', 1, 'lunch'),
    meal('m2', 1, 'dinner'),
    meal('m3', 2, 'lunch'),
  ];
}

export interface ChaosAccounts {
  staffToken: string;
  kioskTokens: string[];
}

/**
 * Staff login and enrolled kiosks, made in the store before the server starts: the SQLite file
 * in the data directory, or the PostgreSQL database at `databaseUrl`.
 */
export async function prepareAccounts(
  dataDir: string,
  kiosks: number,
  databaseUrl?: string,
): Promise<ChaosAccounts> {
  const store = await openStore({ dataDir, databaseUrl });
  const db = store.db;
  try {
    const password = 'correct horse battery';
    await createUser(db, { username: 'staff', password, displayName: 'Staff', role: 'staff' });
    const { token: staffToken } = await login(db, 'staff', password);
    const kioskTokens: string[] = [];
    for (let i = 1; i <= kiosks; i++) {
      const { code } = await createEnrolCode(db, `Kiosk ${i}`);
      kioskTokens.push((await enrol(db, code)).token);
    }
    return { staffToken, kioskTokens };
  } finally {
    await store.close();
  }
}

/** Writes the centre through staff mutations. */
export async function seedCentre(staff: SyncSocket, centre: ChaosCentre): Promise<void> {
  await apply(staff, 'group.put', { id: 'g1', name: 'Hus 1' });
  await apply(staff, 'group.put', { id: 'g2', name: 'Hus 2' });
  for (const r of centre.residents) await apply(staff, 'resident.put', r);
  for (const a of activities()) await apply(staff, 'activity.put', a);
  await apply(
    staff,
    'resource.put',
    resource('wash', { name: 'Vaskemaskine', maxActivePerResident: 2 }),
  );
  await apply(
    staff,
    'resource.put',
    resource('bus', {
      name: 'Minibus',
      slotMinutes: 120,
      opening: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '07:00', to: '21:00' })),
      maxActivePerResident: 1,
    }),
  );
  for (const m of meals()) await apply(staff, 'meal.put', m);
}
