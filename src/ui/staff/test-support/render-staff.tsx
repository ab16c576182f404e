/**
 * Renders a staff page for a component test: a real CacheDb over fake-indexeddb seeded with cache
 * rows, the real words (Danish, zod's Danish messages), React Aria in da-DK, the router at `path`,
 * a fixed clock, and recorded mutations (each also written to the outbox, as the real engine
 * does, so overlaid rows show them). Import it from a test file marked
 * `// @vitest-environment jsdom`.
 */
import 'fake-indexeddb/auto';
import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nProvider, RouterProvider } from 'react-aria-components';
import { I18nextProvider } from 'react-i18next';
import { afterEach } from 'vitest';
import { memoryLocation } from 'wouter/memory-location';
import { Router } from 'wouter';
import { z } from 'zod';
import type { CacheDb, SyncStatus } from '../../../client/index.js';
import type { SessionInfo } from '../../../protocol/rest.js';
import { createI18nFor } from '../../shared/i18n/create-i18n.js';
import {
  fakeActions,
  seededDb,
  type Answer,
  type Seed,
  type Sent,
} from '../../shared/test-support/fake-actions.js';
import { staffNamespaces } from '../i18n/resources.js';
import { StaffEnvProvider, type StaffEnv } from '../shell/staff-env.js';
import { useNotices } from '../shell/save.js';
import '../../shared/test-support/css-escape.js';

afterEach(() => {
  cleanup();
  useNotices.setState({ list: [] });
});

export type StaffSeed = Seed;
export type { Sent };

export interface StaffTest extends RenderResult {
  db: CacheDb;
  /** Every mutation the page asked for, in order. */
  sent: Sent[];
  /** The current path (after the page navigated). */
  path(): string;
  /** Answers mutation `id` as the server would: 'applied' or a refusal (into `rejections`). */
  answer(id: string, outcome: Answer): Promise<void>;
}

export interface RenderStaffOptions {
  path?: string;
  seed?: StaffSeed;
  me?: Partial<SessionInfo>;
  now?: Date;
  /** A clock the test moves (the pages' clock; `now` stays the fake actions'): time passing. */
  clock?: { now: () => Date };
  status?: Partial<SyncStatus>;
}

const onlineStatus: SyncStatus = {
  state: 'online',
  offlineSince: null,
  lastSyncedAt: new Date(),
  pending: 0,
  stuck: 0,
  role: 'staff',
  centreId: 'centre',
};

export async function renderStaff(
  ui: ReactNode,
  opts: RenderStaffOptions = {},
): Promise<StaffTest> {
  z.config(z.locales.da());
  const db = await seededDb('staff', opts.seed);
  const location = memoryLocation({ path: opts.path ?? '/', record: true });
  const now = opts.now ?? new Date('2026-12-01T09:00:00.000Z');
  const { actions, sent, answer } = fakeActions(db, now);
  const env: StaffEnv = {
    db,
    status: { ...onlineStatus, ...opts.status },
    clock: opts.clock ?? { now: () => now },
    // Read before the first draw, as the provider would (it draws nothing until then).
    initialCentre: (await db.centre.toCollection().first()) ?? null,
    me: { userId: 'u-staff', role: 'staff', displayName: 'Mette', ...opts.me },
    logout: () => Promise.resolve(),
    actions,
  };
  const i18n = createI18nFor('da', staffNamespaces, 'staff');
  const result = render(
    <I18nextProvider i18n={i18n}>
      <I18nProvider locale="da-DK">
        <StaffEnvProvider env={env}>
          <Router hook={location.hook}>
            <RouterProvider navigate={(to) => location.navigate(to)}>{ui}</RouterProvider>
          </Router>
        </StaffEnvProvider>
      </I18nProvider>
    </I18nextProvider>,
  );
  return Object.assign(result, {
    db,
    sent,
    path: () => location.history?.at(-1) ?? '',
    answer,
  });
}
