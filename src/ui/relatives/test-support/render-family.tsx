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
import { act, cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { CacheDb, type SyncStatus } from '../../../client/index.js';
import type { AnyEntity, EntityType, Resident } from '../../../domain/model.js';
import type { MutationName } from '../../../protocol/index.js';
import type { SessionInfo } from '../../../protocol/rest.js';
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

let dbCount = 0;

export type FamilySeed = Partial<{ [T in EntityType]: AnyEntity[] }>;

export interface Sent {
  name: MutationName;
  args: Record<string, unknown>;
}

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
  const db = new CacheDb(`family-test-${++dbCount}-${Math.random()}`);
  for (const [type, rows] of Object.entries(opts.seed ?? {}))
    await db.cacheTable(type as EntityType).bulkPut(rows);
  if (!opts.seed?.centre)
    await db.centre.put({ id: 'centre', name: 'Birkely', timeZone: 'Europe/Copenhagen' });
  const sent: Sent[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const location = memoryLocation({ path: opts.path ?? '/', record: true });
  const now = opts.now ?? new Date('2026-12-01T09:00:00.000Z');
  let logouts = 0;
  const env: FamilyEnv = {
    db,
    status: { ...onlineStatus, ...opts.status },
    clock: { now: () => now },
    me: { userId: 'u-hanne', role: 'relative', displayName: 'Hanne Jensen', ...opts.me },
    logout: () => {
      logouts++;
      return Promise.resolve();
    },
    welcome: null,
    dismissWelcome: () => undefined,
    actions: {
      mutate: async (name, args) => {
        sent.push({ name, args: args });
        const id = `m-${sent.length}`;
        await db.outbox.add({
          id,
          name,
          args: args,
          createdAt: now.toISOString(),
          attempts: 0,
          lastError: null,
          state: 'pending',
          appliedCursor: null,
        });
        return id;
      },
      dismissRejection: (id) => db.rejections.delete(id),
      on: (event, listener) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener as (p: unknown) => void);
        listeners.set(event, set);
        return () => set.delete(listener as (p: unknown) => void);
      },
    },
  };
  const result = render(
    <FamilyEnvProvider env={env}>
      <Router hook={location.hook}>
        <FamilyRoutes page={opts.ui} />
      </Router>
    </FamilyEnvProvider>,
  );
  const emit = (event: string, payload: unknown) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  return Object.assign(result, {
    db,
    sent,
    path: () => location.history?.at(-1) ?? '',
    logouts: () => logouts,
    answer: async (id: string, outcome: 'applied' | { code: 'forbidden' | 'full' | 'closed' }) => {
      const entry = await db.outbox.where('id').equals(id).first();
      await act(async () => {
        if (outcome === 'applied') {
          await db.outbox.where('id').equals(id).delete();
          emit('applied', { id, name: entry?.name, cursor: 1, result: null });
        } else {
          await db.outbox.where('id').equals(id).delete();
          const rejection = {
            id,
            name: entry?.name ?? 'signup.add',
            args: entry?.args ?? {},
            code: outcome.code,
            message: outcome.code,
            reason: null,
            at: now.toISOString(),
          } as const;
          await db.rejections.put(rejection);
          emit('rejected', rejection);
        }
      });
    },
  });
}
