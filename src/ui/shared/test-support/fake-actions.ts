/**
 * The fake env's plumbing every front end's render helper shares (staff render-staff.tsx,
 * relatives render-family.tsx): a real CacheDb over fake-indexeddb seeded with cache rows, and
 * recording writes. Each mutation the page asks for is recorded and also written to the outbox,
 * as the real engine does, so overlaid rows and pending marks show it; `answer` then plays the
 * server's answer (applied, or a refusal into the rejections table) with the engine's events.
 * Test code only: the importing file loads 'fake-indexeddb/auto' first.
 */
import { act } from '@testing-library/react';
import { CacheDb } from '../../../client/index.js';
import type { AnyEntity, EntityType } from '../../../domain/model.js';
import type { MutationName, RejectionCode } from '../../../protocol/index.js';
import type { WriteActions } from '../outbox/actions.js';

export type Seed = Partial<{ [T in EntityType]: AnyEntity[] }>;

export interface Sent {
  name: MutationName;
  args: Record<string, unknown>;
}

let dbCount = 0;

/** A cache database of its own (named `<prefix>-test-…`) holding `seed`'s rows. */
export async function seededDb(prefix: string, seed: Seed = {}): Promise<CacheDb> {
  const db = new CacheDb(`${prefix}-test-${++dbCount}-${Math.random()}`);
  for (const [type, rows] of Object.entries(seed))
    await db.cacheTable(type as EntityType).bulkPut(rows);
  return db;
}

export type Answer = 'applied' | { code: RejectionCode };

export interface FakeActions {
  actions: WriteActions;
  /** Every mutation the page asked for, in order (ids `m-1`, `m-2`, …). */
  sent: Sent[];
  /** Answers mutation `id` as the server would: 'applied' or a refusal (into `rejections`). */
  answer: (id: string, outcome: Answer) => Promise<void>;
}

/** Recording writes into `db`'s outbox, as of `now`. */
export function fakeActions(db: CacheDb, now: Date): FakeActions {
  const sent: Sent[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const emit = (event: string, payload: unknown) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  const actions: WriteActions = {
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
  };
  const answer = async (id: string, outcome: Answer) => {
    const entry = await db.outbox.where('id').equals(id).first();
    await act(async () => {
      await db.outbox.where('id').equals(id).delete();
      if (outcome === 'applied') {
        emit('applied', { id, name: entry?.name, cursor: 1, result: null });
        return;
      }
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
    });
  };
  return { actions, sent, answer };
}
