/**
 * Self-healing of the kiosk page: a crashed, killed or hung renderer is reloaded after a back-off
 * (1 s, 5 s, 30 s …), so one crash costs a second and a resident sees the wall again at once. A
 * crash loop (4 crashes within 10 minutes) shows the shell's calm error screen instead of a page
 * flashing up and dying, and after a rest (15 minutes) it tries once more, clean: a wall screen
 * runs for months without anyone touching it.
 *
 * Pure logic with the clock and timers injected; window.ts / main.ts feed it Electron's events.
 */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface CrashPolicy {
  backoffMs: readonly number[];
  loopCount: number;
  loopWindowMs: number;
  restMs: number;
}

export const defaultCrashPolicy: CrashPolicy = {
  backoffMs: [1_000, 5_000, 30_000],
  loopCount: 4,
  loopWindowMs: 10 * 60_000,
  restMs: 15 * 60_000,
};

export interface CrashGuardDeps {
  timers: Timers;
  /** Loads the kiosk page again. */
  reload(): void;
  /** Shows the shell's crash-loop screen. */
  showError(): void;
  log(line: string): void;
}

export interface LastCrash {
  at: number;
  reason: string;
}

export interface CrashGuard {
  /** The page is gone (render-process-gone, a hang, a silent heartbeat). */
  crashed(reason: string): void;
  lastCrash(): LastCrash | null;
  /** Crashes within the loop window, for the health report. */
  recentCrashes(): number;
  /** True while the crash-loop screen is up. */
  resting(): boolean;
  dispose(): void;
}

export function createCrashGuard(
  deps: CrashGuardDeps,
  policy: CrashPolicy = defaultCrashPolicy,
): CrashGuard {
  let history: number[] = [];
  let last: LastCrash | null = null;
  let pending: unknown = null;
  let resting = false;
  const schedule = (fn: () => void, ms: number): void => {
    if (pending !== null) deps.timers.clearTimeout(pending);
    pending = deps.timers.setTimeout(() => {
      pending = null;
      fn();
    }, ms);
  };
  const recent = (): number[] => {
    const from = deps.timers.now() - policy.loopWindowMs;
    history = history.filter((t) => t > from);
    return history;
  };
  return {
    crashed(reason) {
      const at = deps.timers.now();
      last = { at, reason };
      if (resting) return; // the error screen is up; its own timer tries again
      history.push(at);
      const n = recent().length;
      if (n >= policy.loopCount) {
        resting = true;
        deps.log(
          `kiosk page: ${n} crashes in ${policy.loopWindowMs / 60_000} min (${reason}); resting`,
        );
        deps.showError();
        schedule(() => {
          resting = false;
          history = [];
          deps.log('kiosk page: trying again after the rest');
          deps.reload();
        }, policy.restMs);
        return;
      }
      const wait = policy.backoffMs[Math.min(n - 1, policy.backoffMs.length - 1)] ?? 1_000;
      deps.log(`kiosk page gone (${reason}); reloading in ${wait / 1000} s`);
      schedule(() => deps.reload(), wait);
    },
    lastCrash: () => last,
    recentCrashes: () => recent().length,
    resting: () => resting,
    dispose() {
      if (pending !== null) deps.timers.clearTimeout(pending);
      pending = null;
    },
  };
}

/**
 * The renderer's heartbeat (the preload sends one every `HEARTBEAT_MS`; it runs on the page's
 * own event loop, so a page stuck in a loop stops beating too). Silence for `silentMs` after
 * the page has loaded counts as a hang. Stopped while the shell shows its own screens.
 */
export const HEARTBEAT_MS = 10_000;

export interface Watchdog {
  beat(): void;
  start(): void;
  stop(): void;
  lastBeat(): number | null;
}

export function createHeartbeatWatchdog(
  timers: Timers,
  onSilent: () => void,
  silentMs = 6 * HEARTBEAT_MS,
): Watchdog {
  let handle: unknown = null;
  let last: number | null = null;
  let running = false;
  const arm = (): void => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = timers.setTimeout(() => {
      handle = null;
      running = false;
      onSilent();
    }, silentMs);
  };
  return {
    beat() {
      last = timers.now();
      if (running) arm();
    },
    start() {
      running = true;
      arm();
    },
    stop() {
      running = false;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
    lastBeat: () => last,
  };
}

/**
 * `unresponsive` is often a long garbage collection or a slow disk, and `responsive` follows:
 * only a renderer still hung after `graceMs` is treated as gone.
 */
export function createHangTimer(timers: Timers, onHung: () => void, graceMs = 15_000) {
  let handle: unknown = null;
  return {
    unresponsive() {
      if (handle !== null) return;
      handle = timers.setTimeout(() => {
        handle = null;
        onHung();
      }, graceMs);
    },
    responsive() {
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
    },
  };
}
