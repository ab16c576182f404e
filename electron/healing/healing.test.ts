import { describe, expect, it } from 'vitest';
import { fakeTimers } from '../test-support/fake-timers.js';
import { createCrashGuard, createHangTimer, createHeartbeatWatchdog } from './crash-guard.js';
import { GPU_RESTART_FLAG, createOutageHealer, onChildProcessGone } from './recovery.js';

function guard() {
  const t = fakeTimers();
  const events: string[] = [];
  const g = createCrashGuard({
    timers: t.timers,
    reload: () => events.push('reload'),
    showError: () => events.push('error screen'),
    log: () => {},
  });
  return { t, g, events };
}

describe('crash guard', () => {
  it('reloads a crashed page after a second, then waits longer each time', () => {
    const { t, g, events } = guard();
    g.crashed('crashed');
    t.advance(999);
    expect(events).toEqual([]);
    t.advance(1);
    expect(events).toEqual(['reload']);
    g.crashed('oom');
    t.advance(4_999);
    expect(events).toEqual(['reload']);
    t.advance(1);
    expect(events).toEqual(['reload', 'reload']);
    expect(g.lastCrash()).toEqual({ at: t.timers.now() - 5_000, reason: 'oom' });
  });

  it('a crash loop shows the calm error screen instead of flashing, and tries again after a rest', () => {
    const { t, g, events } = guard();
    for (let i = 0; i < 3; i += 1) {
      g.crashed('crashed');
      t.advance(30_000);
    }
    expect(events).toEqual(['reload', 'reload', 'reload']);
    g.crashed('crashed');
    expect(events.at(-1)).toBe('error screen');
    expect(g.resting()).toBe(true);
    // More crash reports while resting change nothing.
    g.crashed('crashed');
    t.advance(14 * 60_000);
    expect(events.filter((e) => e === 'reload')).toHaveLength(3);
    t.advance(60_000);
    expect(events.at(-1)).toBe('reload');
    expect(g.resting()).toBe(false);
    // After the rest the count starts afresh: one crash is a one-second reload again.
    g.crashed('crashed');
    t.advance(1_000);
    expect(events.at(-1)).toBe('reload');
  });

  it('crashes far apart never add up to a loop', () => {
    const { t, g, events } = guard();
    for (let i = 0; i < 10; i += 1) {
      g.crashed('crashed');
      t.advance(11 * 60_000);
    }
    expect(events).not.toContain('error screen');
    expect(events.filter((e) => e === 'reload')).toHaveLength(10);
  });
});

describe('hang and heartbeat', () => {
  it('an unresponsive renderer that comes back in time is left alone; one that stays hung is not', () => {
    const t = fakeTimers();
    let hung = 0;
    const h = createHangTimer(t.timers, () => (hung += 1));
    h.unresponsive();
    t.advance(10_000);
    h.responsive();
    t.advance(60_000);
    expect(hung).toBe(0);
    h.unresponsive();
    h.unresponsive();
    t.advance(15_000);
    expect(hung).toBe(1);
  });

  it('the watchdog fires once when the page stops beating, not while it beats or before it loads', () => {
    const t = fakeTimers();
    let silent = 0;
    const w = createHeartbeatWatchdog(t.timers, () => (silent += 1), 60_000);
    t.advance(10 * 60_000); // not started: the page is still loading, or a shell screen is up
    expect(silent).toBe(0);
    w.start();
    for (let i = 0; i < 20; i += 1) {
      t.advance(10_000);
      w.beat();
    }
    expect(silent).toBe(0);
    t.advance(60_000);
    expect(silent).toBe(1);
    t.advance(10 * 60_000);
    expect(silent).toBe(1);
    expect(w.lastBeat()).not.toBeNull();
  });
});

describe('GPU process crash', () => {
  const app = () => {
    const calls: { args?: string[]; exit?: number }[] = [];
    return {
      calls,
      relaunch: (o: { args: string[] }) => calls.push({ args: o.args }),
      exit: (code: number) => calls.push({ exit: code }),
    };
  };

  it('restarts the app, and restarts it without the GPU when it happens again soon after', () => {
    const a = app();
    const argv = ['--config', 'k.json'];
    expect(
      onChildProcessGone({ type: 'GPU', reason: 'crashed' }, argv, 3_600_000, a, () => {}),
    ).toBe('restarted');
    expect(a.calls).toEqual([{ args: ['--config', 'k.json', GPU_RESTART_FLAG] }, { exit: 0 }]);
    const b = app();
    const again = ['--config', 'k.json', GPU_RESTART_FLAG];
    expect(onChildProcessGone({ type: 'GPU', reason: 'crashed' }, again, 60_000, b, () => {})).toBe(
      'restarted-without-gpu',
    );
    expect(b.calls[0]?.args).toEqual(['--config', 'k.json', '--disable-gpu', GPU_RESTART_FLAG]);
  });

  it('ignores other child processes and clean exits', () => {
    const a = app();
    expect(onChildProcessGone({ type: 'Utility', reason: 'crashed' }, [], 0, a, () => {})).toBe(
      'ignored',
    );
    expect(onChildProcessGone({ type: 'GPU', reason: 'clean-exit' }, [], 0, a, () => {})).toBe(
      'ignored',
    );
    expect(a.calls).toEqual([]);
  });
});

describe('after a network outage', () => {
  function healer() {
    const t = fakeTimers();
    let up = false;
    let probes = 0;
    const events: string[] = [];
    const h = createOutageHealer({
      timers: t.timers,
      probe: () => {
        probes += 1;
        return Promise.resolve(up);
      },
      reload: () => events.push('reload'),
      log: () => {},
    });
    return { t, h, events, setUp: (v: boolean) => (up = v), probes: () => probes };
  }
  const flush = () => new Promise((r) => setImmediate(r));

  it('a page that shows its cache is never reloaded, whatever the network does', async () => {
    const f = healer();
    f.h.loaded();
    f.setUp(true);
    f.t.advance(60 * 60_000);
    await flush();
    expect(f.events).toEqual([]);
    expect(f.probes()).toBe(0);
  });

  it('a page that failed to load is reloaded only once the server answers again', async () => {
    const f = healer();
    f.h.failedLoad(-106, true); // ERR_INTERNET_DISCONNECTED
    for (let i = 0; i < 4; i += 1) {
      f.t.advance(60_000);
      await flush();
    }
    expect(f.events).toEqual([]);
    expect(f.probes()).toBeGreaterThanOrEqual(3);
    f.setUp(true);
    f.t.advance(60_000);
    await flush();
    expect(f.events).toEqual(['reload']);
  });

  it('an aborted load or a failed sub-frame is not a broken page', async () => {
    const f = healer();
    f.setUp(true);
    f.h.failedLoad(-3, true);
    f.h.failedLoad(-106, false);
    f.t.advance(10 * 60_000);
    await flush();
    expect(f.h.broken()).toBe(false);
    expect(f.events).toEqual([]);
  });
});
