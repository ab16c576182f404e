/**
 * Renders the kiosk (or one screen of it) for a component test: a real CacheDb over
 * fake-indexeddb seeded with cache rows, a real SyncEngine that is never started (so every
 * change lands in the outbox and stays there: the kiosk is offline), a fixed clock, the real
 * words, and a speaker with fake audio. Import it from a test file marked
 * `// @vitest-environment jsdom`.
 */
import 'fake-indexeddb/auto';
import {
  act,
  cleanup,
  fireEvent,
  render,
  screen,
  waitFor,
  type RenderResult,
} from '@testing-library/react';
import { afterEach, expect } from 'vitest';
import { CacheDb, SyncEngine, type SyncStatus, type UnlockResult } from '../../../client/index.js';
import type { AnyEntity, EntityType } from '../../../domain/model.js';
import { createI18n } from '../i18n/index.js';
import { engineActions, KioskApp } from '../kiosk-app.js';
import { defaultSettings, type DisplaySettings } from '../settings.js';
import { Speaker } from '../speech/speaker.js';
import { useKiosk, type Screen } from '../state/store.js';
import type { KioskActions } from '../data/kiosk-env.js';
import { PagerMeasure, type Measure } from '../shared/pager.js';
import { TZ } from './builders.js';

afterEach(() => {
  cleanup();
  useKiosk.setState(useKiosk.getInitialState(), true);
});

// jsdom has no media playback; read-aloud only needs play() to resolve.
if (typeof window !== 'undefined') {
  window.HTMLMediaElement.prototype.play = () => Promise.resolve();
  window.HTMLMediaElement.prototype.pause = () => undefined;
}

let dbCount = 0;

export type Seed = Partial<{ [T in EntityType]: AnyEntity[] }>;

export interface FakeSpeech {
  speaker: Speaker;
  /** Texts played from server audio, in order. */
  played: string[];
  /** Texts fetched from the server. */
  fetched: string[];
}

/** A speaker whose "server" answers WAV bytes, or 503 when `voice` is false, or fails offline. */
export function fakeSpeech(mode: 'server' | 'no-voice' | 'offline' = 'server'): FakeSpeech {
  const played: string[] = [];
  const fetched: string[] = [];
  const clips = new Map<string, ArrayBuffer>();
  const byAudio = new Map<ArrayBuffer, string>();
  const speaker = new Speaker({
    synth: null,
    fetchAudio: (text) => {
      if (mode === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
      fetched.push(text);
      if (mode === 'no-voice') return Promise.resolve(new Response('{}', { status: 503 }));
      return Promise.resolve(new Response(new TextEncoder().encode(`RIFF${text}`)));
    },
    cache: {
      get: (k) => Promise.resolve(clips.get(k)),
      put: (k, a) => {
        clips.set(k, a);
        return Promise.resolve();
      },
    },
    play: (audio) => {
      played.push(byAudio.get(audio) ?? new TextDecoder().decode(audio).replace(/^RIFF/, ''));
      return Promise.resolve();
    },
    stopAudio: () => undefined,
  });
  return { speaker, played, fetched };
}

export interface KioskTest extends RenderResult {
  db: CacheDb;
  engine: SyncEngine;
  speech: FakeSpeech;
  /** Outbox entries, oldest first: what the kiosk will send. */
  outbox(): Promise<{ name: string; args: Record<string, unknown> }[]>;
}

export interface RenderOptions {
  now?: Date | string;
  seed?: Seed;
  settings?: Partial<DisplaySettings>;
  status?: Partial<SyncStatus> | null;
  screen?: Screen;
  residentId?: string;
  speech?: FakeSpeech;
  unlock?: (residentId: string, pin: string) => Promise<UnlockResult>;
  /** A clock the test moves (overrides `now`): for what changes when time passes. */
  clock?: { now: () => Date };
  /** Sizes for the pager's lists (jsdom lays nothing out; without it every list is one page). */
  measure?: Measure;
}

export const onlineStatus: SyncStatus = {
  state: 'online',
  offlineSince: null,
  lastSyncedAt: new Date('2026-11-24T08:00:00Z'),
  pending: 0,
  stuck: 0,
  role: 'kiosk',
  centreId: 'centre',
};

export async function seedCache(db: CacheDb, seed: Seed): Promise<void> {
  await db.centre.put({ id: 'centre', name: 'Bostedet Solsikken', timeZone: TZ });
  for (const [type, rows] of Object.entries(seed) as [EntityType, AnyEntity[]][]) {
    await db.table(type).bulkPut(rows);
  }
}

export async function renderKiosk(options: RenderOptions = {}): Promise<KioskTest> {
  const db = new CacheDb(`kiosk-test-${++dbCount}-${Date.now()}`);
  await seedCache(db, options.seed ?? {});
  const engine = new SyncEngine({ url: 'http://kiosk.test', token: 'test', db });
  const base = engineActions(engine);
  const actions: KioskActions = {
    ...base,
    unlockResident:
      options.unlock ??
      (() => Promise.resolve({ ok: false, code: 'offline', message: 'not connected' })),
  };
  const speech = options.speech ?? fakeSpeech();
  const fixed = new Date(options.now ?? '2026-11-24T09:00:00.000Z');
  const status = options.status === null ? null : { ...onlineStatus, ...(options.status ?? {}) };
  useKiosk.setState({
    screen: options.screen ?? 'home',
    residentId: options.residentId ?? null,
  });
  const settings = { ...defaultSettings, night: null, ...options.settings };
  const app = (
    <KioskApp
      db={db}
      actions={actions}
      status={status}
      settings={settings}
      speaker={speech.speaker}
      i18n={createI18n(settings.lang)}
      clock={options.clock ?? { now: () => fixed }}
      initialCentre={(await db.centre.toCollection().first()) ?? null}
    />
  );
  const result = render(
    options.measure ? (
      <PagerMeasure.Provider value={options.measure}>{app}</PagerMeasure.Provider>
    ) : (
      app
    ),
  );
  // Let the first live queries resolve: until what is drawn has stayed the same for three looks
  // 20 ms apart (at most 3 s). One fixed 20 ms was too short on a busy machine, where a screen's
  // query answered later and a test's first look found the frame without its content.
  let last = '';
  for (let same = 0, looks = 0; same < 3 && looks < 150; looks++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20));
    });
    const drawn = result.container.innerHTML;
    same = drawn === last && drawn !== '' ? same + 1 : 0;
    last = drawn;
  }
  return {
    ...result,
    db,
    engine,
    speech,
    outbox: async () =>
      (await db.outbox.orderBy('seq').toArray()).map((e) => ({ name: e.name, args: e.args })),
  };
}

/**
 * Taps "Fortryd" once it answers (undo-bar.tsx SETTLE_MS: it ignores touches for a moment after
 * it appears, so a stray second touch on "Ja" cannot undo).
 */
export async function tapUndo(name = 'Fortryd'): Promise<void> {
  const button = await screen.findByRole('button', { name });
  await waitFor(() => expect(button.getAttribute('aria-disabled')).toBe('false'));
  fireEvent.click(button);
}

export { act, screen, waitFor };
