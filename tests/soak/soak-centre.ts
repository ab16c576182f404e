/**
 * The soak's centre and its day of changes. Setup writes straight into the store before the
 * server starts (setup is not what the soak watches): the demo seed from the simulated start, the
 * soak's four activities and ten news posts, a kiosk's one-time enrolment code and a staff
 * session, all dated on the simulated clock (a session made on the real date would have ended
 * long before 2027). Then a staff socket sends the live changes: a constant data set (the same
 * activities retimed and retitled, the same residents signed up and off, the same news edited),
 * so whatever grows on the kiosk is the page's own.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { entitySchemas, type EntityOf, type EntityType } from '../../src/domain/model.js';
import {
  PROTOCOL_VERSION,
  SYNC_NAMESPACE,
  type ClientToServerEvents,
  type MutateResult,
  type MutationArgs,
  type MutationName,
  type ServerToClientEvents,
} from '../../src/protocol/index.js';
import { createEnrolCode, createUser } from '../../src/server/auth/accounts.js';
import { hashToken, newToken } from '../../src/server/auth/tokens.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { openStore } from '../../src/server/store/open-store.js';
import { lockHead } from '../../src/server/store/store.js';
import { Writer } from '../../src/server/store/writer.js';
import { laterActivity } from '../helpers/fixtures.js';

export type StaffSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const HOUR = 3_600_000;
export const SOAK_ACTIVITIES = ['Aftenkaffe', 'Højtlæsning', 'Kortspil', 'Quiz'];
const NEWS = 10;
/** The post staff make while the kiosk is cut off, once per drop (the same post, retitled). */
export const OFFLINE_NEWS_ID = 'soak-offline';
/** The demo's residents with wall consent. */
const RESIDENTS = ['anna', 'bent', 'carla', 'eva', 'frank', 'gitte', 'hassan', 'jonas'].map(
  (n) => `r-${n}`,
);

export const soakNews = (id: string, title: string, n: number): EntityOf<'news'> => ({
  id,
  title,
  body: 'Husk at der er kaffe i fællesstuen hver eftermiddag. Personalet hjælper gerne.',
  media: [],
  publishAt: new Date(Date.UTC(2027, 0, 1) + n * 60_000).toISOString(),
  expiresAt: null,
  audience: { kind: 'all' },
});

export interface SoakCentre {
  code: string;
  staffToken: string;
}

/** Writes the centre into `dataDir` as of `start` (ms). */
export async function seedSoakCentre(dataDir: string, start: number): Promise<SoakCentre> {
  const store = await openStore({ dataDir });
  try {
    const db = store.db;
    const at = new Date(start);
    await seedDemo(db, at);
    await db.transaction().execute(async (trx) => {
      const w = new Writer(trx, await lockHead(trx), at);
      const put = async <T extends EntityType>(type: T, record: EntityOf<T>): Promise<void> => {
        await w.put(type, entitySchemas[type].parse(record) as EntityOf<T>);
      };
      for (const [i, title] of SOAK_ACTIVITIES.entries())
        await put('activity', laterActivity(`soak-a-${i}`, title, i, start));
      for (let i = 0; i < NEWS; i++) await put('news', soakNews(`soak-n-${i}`, `Besked ${i}`, i));
      await w.flush();
    });
    const { code } = await createEnrolCode(db, 'Soak kiosk', 'Fælles stuen', at);
    const userId = await createUser(db, {
      username: 'soak-staff',
      password: 'soak password 123',
      displayName: 'Soak staff',
      role: 'staff',
    });
    const staffToken = newToken();
    await db
      .insertInto('session')
      .values({
        token_hash: hashToken(staffToken),
        user_id: userId,
        created_at: at.toISOString(),
        expires_at: new Date(start + 7 * 24 * HOUR).toISOString(),
        revoked: 0,
      })
      .execute();
    return { code, staffToken };
  } finally {
    await store.close();
  }
}

/** A staff socket straight to the server (not through the kiosk's network); on `welcome`. */
export function connectStaff(url: string, token: string): Promise<StaffSocket> {
  const socket: StaffSocket = io(url + SYNC_NAMESPACE, {
    auth: { token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('welcome', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(new Error(`staff socket: ${err.message}`));
    });
  });
}

export function mutate<N extends MutationName>(
  socket: StaffSocket,
  name: N,
  args: MutationArgs<N>,
): Promise<MutateResult> {
  return socket.timeout(15_000).emitWithAck('mutate', { id: randomUUID(), name, args });
}

/** The day's live changes, one at a time, cycling through a fixed set. */
export class LiveUpdates {
  private i = 0;
  sent = 0;
  rejected = 0;

  constructor(private readonly staff: StaffSocket) {}

  private count(res: MutateResult): void {
    this.sent++;
    if (res.status !== 'applied') this.rejected++;
  }

  activity(k: number, title: string, now: number): Promise<void> {
    const {
      confirmedCount: _c,
      waitlistCount: _w,
      seriesId: _s,
      ...input
    } = laterActivity(`soak-a-${k}`, title, k, now);
    return mutate(this.staff, 'activity.put', input).then((r) => this.count(r));
  }

  news(id: string, title: string): Promise<void> {
    return mutate(this.staff, 'news.put', soakNews(id, title, 99)).then((r) => this.count(r));
  }

  /** The next change of the cycle, as of the simulated time `now`. */
  next(now: number): Promise<void> {
    const i = this.i++;
    const c = Math.floor(i / 5);
    const pair = {
      activityId: `soak-a-${c % SOAK_ACTIVITIES.length}`,
      residentId: RESIDENTS[c % RESIDENTS.length] ?? '',
    };
    switch (i % 5) {
      case 1:
        return mutate(this.staff, 'signup.add', pair).then((r) => this.count(r));
      case 3:
        return mutate(this.staff, 'signup.cancel', pair).then((r) => this.count(r));
      case 4:
        return this.news(`soak-n-${c % NEWS}`, `Besked ${c % NEWS} (${c % 7})`);
      default: {
        const k = (i >> 1) % SOAK_ACTIVITIES.length;
        return this.activity(k, `${SOAK_ACTIVITIES[k] ?? ''} ${c % 10}`, now);
      }
    }
  }
}
