import { describe, expect, it } from 'vitest';
import { fakeTimers } from '../test-support/fake-timers.js';
import { startUpdates, type UpdaterLike } from './updates.js';

function fakeUpdater() {
  const listeners = new Map<string, (arg: never) => void>();
  const calls: string[] = [];
  const updater = {
    channel: null as string | null,
    allowDowngrade: true,
    autoDownload: false,
    autoInstallOnAppQuit: true,
    on: (event: string, l: (arg: never) => void) => listeners.set(event, l),
    checkForUpdates: () => {
      calls.push('check');
      return Promise.resolve(null);
    },
    quitAndInstall: (silent?: boolean, run?: boolean) =>
      calls.push(`install silent=${silent} run=${run}`),
  } satisfies UpdaterLike;
  const downloaded = (version: string) =>
    (listeners.get('update-downloaded') as (i: { version: string }) => void)({ version });
  return { updater, calls, downloaded };
}

function start(opts: { night: boolean; sinceTouch: number; channel?: string | null }) {
  const t = fakeTimers();
  const u = fakeUpdater();
  const state = { ...opts };
  const updates = startUpdates({
    updater: u.updater,
    channel: opts.channel === undefined ? 'beta' : opts.channel,
    timers: t.timers,
    isNight: () => state.night,
    sinceLastTouchMs: () => state.sinceTouch,
    log: () => {},
  });
  return { t, u, updates, state };
}

describe('updates', () => {
  it('uses the channel from the config, never downgrades, never installs on quit', () => {
    const f = start({ night: false, sinceTouch: 0 });
    expect(f.u.updater).toMatchObject({
      channel: 'beta',
      allowDowngrade: false,
      autoDownload: true,
      autoInstallOnAppQuit: false,
    });
    f.t.advance(60_000);
    expect(f.u.calls).toEqual(['check']);
  });

  it('installs a downloaded update at night, when nobody has touched the screen for 10 minutes', () => {
    const f = start({ night: false, sinceTouch: 60 * 60_000 });
    f.u.downloaded('2.1.0');
    expect(f.updates?.pending()).toBe('2.1.0');
    f.t.advance(60 * 60_000); // by day: waits
    expect(f.u.calls.filter((c) => c.startsWith('install'))).toEqual([]);
    f.state.night = true;
    f.state.sinceTouch = 2 * 60_000; // a resident up at night, in the middle of something
    f.t.advance(30 * 60_000);
    expect(f.u.calls.filter((c) => c.startsWith('install'))).toEqual([]);
    f.state.sinceTouch = 11 * 60_000;
    f.t.advance(5 * 60_000);
    expect(f.u.calls.filter((c) => c.startsWith('install'))).toEqual([
      'install silent=true run=true',
    ]);
  });

  it('does nothing with updateChannel null', () => {
    const f = start({ night: true, sinceTouch: 1e9, channel: null });
    expect(f.updates).toBeNull();
    f.t.advance(24 * 60 * 60_000);
    expect(f.u.calls).toEqual([]);
  });
});
