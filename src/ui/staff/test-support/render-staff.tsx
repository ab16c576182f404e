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
import { CacheDb, type SyncStatus } from '../../../client/index.js';
import type { AnyEntity, EntityType } from '../../../domain/model.js';
import type { MutationName } from '../../../protocol/index.js';
import type { SessionInfo } from '../../../protocol/rest.js';
import { createI18nFor } from '../../shared/i18n/create-i18n.js';
import { staffNamespaces } from '../i18n/resources.js';
import { StaffEnvProvider, type StaffEnv } from '../shell/staff-env.js';
import { useNotices } from '../shell/save.js';
import '../../shared/test-support/css-escape.js';

afterEach(() => {
  cleanup();
  useNotices.setState({ list: [] });
});

let dbCount = 0;

export type StaffSeed = Partial<{ [T in EntityType]: AnyEntity[] }>;

export interface Sent {
  name: MutationName;
  args: Record<string, unknown>;
}

export interface StaffTest extends RenderResult {
  db: CacheDb;
  /** Every mutation the page asked for, in order. */
  sent: Sent[];
  /** The current path (after the page navigated). */
  path(): string;
}

export interface RenderStaffOptions {
  path?: string;
  seed?: StaffSeed;
  me?: Partial<SessionInfo>;
  now?: Date;
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
  const db = new CacheDb(`staff-test-${++dbCount}-${Math.random()}`);
  for (const [type, rows] of Object.entries(opts.seed ?? {}))
    await db.cacheTable(type as EntityType).bulkPut(rows);
  const sent: Sent[] = [];
  const location = memoryLocation({ path: opts.path ?? '/', record: true });
  const now = opts.now ?? new Date('2026-12-01T09:00:00.000Z');
  const env: StaffEnv = {
    db,
    status: { ...onlineStatus, ...opts.status },
    clock: { now: () => now },
    me: { userId: 'u-staff', role: 'staff', displayName: 'Mette', ...opts.me },
    logout: () => Promise.resolve(),
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
      on: () => () => undefined,
    },
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
  return Object.assign(result, { db, sent, path: () => location.history?.at(-1) ?? '' });
}
