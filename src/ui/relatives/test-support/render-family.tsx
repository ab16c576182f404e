/**
 * Renders a relatives' page for a component test, inside the real frame (whose week at the top,
 * the navigation, the connection line, refusals): a real CacheDb over fake-indexeddb seeded with
 * cache rows, the real words (Danish unless `lang: 'en'`), the router at `path` (under /family),
 * a fixed clock, a connection status, and recorded mutations (each also written to the outbox,
 * as the real engine does, so overlaid rows and `usePending` show them). Import it from a test
 * file marked `// @vitest-environment jsdom`:
 *
 *   const t = await renderFamily({ path: '/news', seed: { resident: [anna], news: [post] } });
 *   await screen.findByRole('heading', { name: 'Sommerfest' });
 *   t.sent; // [{ name: 'signup.add', args: {...} }]
 *
 * `familyResident()` makes a resident row to seed (the frame shows a page only once there is one).
 */
import 'fake-indexeddb/auto';
import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { CacheDb, SyncStatus } from '../../../client/index.js';
import type { Resident } from '../../../domain/model.js';
import type { SessionInfo } from '../../../protocol/rest.js';
import {
  fakeActions,
  seededDb,
  type Seed,
  type Sent,
} from '../../shared/test-support/fake-actions.js';
import { FamilyRoutes } from '../app.js';
import { FamilyEnvProvider, type FamilyEnv } from '../shell/family-env.js';
import { setLang, type Lang } from '../shell/lang.js';
import { rememberResident } from '../shell/resident.js';
import { useNotices } from '../shell/send.js';
import '../../shared/test-support/css-escape.js';

afterEach(() => {
  cleanup();
  useNotices.setState({ list: [] });
  localStorage.clear();
});

export type FamilySeed = Seed;
export type { Sent };

export interface FamilyTest extends RenderResult {
  db: CacheDb;
  /** Every mutation the page asked for, in order. */
  sent: Sent[];
  /** The current path under /family (after the page navigated). */
  path(): string;
  /** Answers mutation `id` as the server would: 'applied' or a refusal (into `rejections`). */
  answer(id: string, outcome: 'applied' | { code: 'forbidden' | 'full' | 'closed' }): Promise<void>;
  /** How often the page asked to log out. */
  logouts: () => number;
}

export interface RenderFamilyOptions {
  path?: string;
  seed?: FamilySeed;
  me?: Partial<SessionInfo>;
  now?: Date;
  status?: Partial<SyncStatus>;
  lang?: Lang;
  /** The resident chosen before (remembered on the phone). */
  selected?: string;
  /** Something to show inside the frame instead of the page registered at `path`. */
  ui?: ReactNode;
}

export const onlineStatus: SyncStatus = {
  state: 'online',
  offlineSince: null,
  lastSyncedAt: new Date('2026-12-01T08:59:00.000Z'),
  pending: 0,
  stuck: 0,
  role: 'relative',
  centreId: 'centre',
};

/** A resident row as the server sends it to a relative. */
export function familyResident(over: Partial<Resident> & { id: string }): Resident {
  const no = { given: false, by: null, recordedBy: null, at: null };
  const yes = {
    given: true,
    by: 'resident' as const,
    recordedBy: 'u-staff',
    at: '2026-11-01T10:00:00.000Z',
  };
  return {
    displayName: 'Anna Jensen',
    photo: null,
    pictogram: 'person',
    groupIds: ['g-birk'],
    wallConsent: true,
    consent: { wall: yes, relatives: yes, calendar: no },
    hasPin: false,
    mealSignUp: true,
    ...over,
  };
}

export async function renderFamily(opts: RenderFamilyOptions = {}): Promise<FamilyTest> {
  setLang(opts.lang ?? 'da');
  if (opts.selected) rememberResident(opts.selected);
  const db = await seededDb('family', opts.seed);
  if (!opts.seed?.centre)
    await db.centre.put({ id: 'centre', name: 'Birkely', timeZone: 'Europe/Copenhagen' });
  const location = memoryLocation({ path: opts.path ?? '/', record: true });
  const now = opts.now ?? new Date('2026-12-01T09:00:00.000Z');
  const { actions, sent, answer } = fakeActions(db, now);
  let logouts = 0;
  const env: FamilyEnv = {
    db,
    status: { ...onlineStatus, ...opts.status },
    clock: { now: () => now },
    // Read before the first draw, as the provider would (it draws nothing until then).
    initialCentre: (await db.centre.toCollection().first()) ?? null,
    me: { userId: 'u-hanne', role: 'relative', displayName: 'Hanne Jensen', ...opts.me },
    logout: () => {
      logouts++;
      return Promise.resolve();
    },
    welcome: null,
    dismissWelcome: () => undefined,
    actions,
  };
  const result = render(
    <FamilyEnvProvider env={env}>
      <Router hook={location.hook}>
        <FamilyRoutes page={opts.ui} />
      </Router>
    </FamilyEnvProvider>,
  );
  return Object.assign(result, {
    db,
    sent,
    path: () => location.history?.at(-1) ?? '',
    logouts: () => logouts,
    answer,
  });
}
