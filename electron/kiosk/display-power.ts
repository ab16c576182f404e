/**
 * Day and night for the display. By day the shell holds a `powerSaveBlocker`
 * ('prevent-display-sleep'), so the OS never blanks a wall screen residents look at; at night it
 * lets go, the page shows its dim night clock (it reads the same schedule from the settings), and
 * the OS may dim or blank the panel; a touch wakes both.
 *
 * The schedule is checked at start and again at every change, with a timer set to the next
 * change but never longer than 15 minutes, and again when the machine wakes from sleep or the
 * screen is unlocked: a timer alone misses a clock set by NTP or a suspended PC.
 */
import type { Timers } from '../healing/crash-guard.js';
import { isNight, nextChange, type Night } from './night-schedule.js';

export interface PowerSaveBlockerLike {
  start(type: 'prevent-display-sleep' | 'prevent-app-suspension'): number;
  stop(id: number): boolean | void;
}

export interface PowerMonitorLike {
  on(event: 'resume' | 'unlock-screen', listener: () => void): void;
}

export interface DisplayPower {
  /** Re-reads the clock now (called by the timer, on resume, and by tests). */
  check(): void;
  state(): 'day' | 'night';
  dispose(): void;
}

const MAX_WAIT_MS = 15 * 60_000;

export function startDisplayPower(deps: {
  night: Night | null;
  blocker: PowerSaveBlockerLike;
  monitor?: PowerMonitorLike;
  timers: Timers;
  timeZone?: string;
  log(line: string): void;
  /** Told at each change (the health report's screen state). */
  onChange?(state: 'day' | 'night'): void;
}): DisplayPower {
  let id: number | null = null;
  let current: 'day' | 'night' | null = null;
  let handle: unknown = null;
  const check = (): void => {
    const now = new Date(deps.timers.now());
    const state = isNight(now, deps.night, deps.timeZone) ? 'night' : 'day';
    if (state !== current) {
      current = state;
      if (state === 'day' && id === null) id = deps.blocker.start('prevent-display-sleep');
      if (state === 'night' && id !== null) {
        deps.blocker.stop(id);
        id = null;
      }
      deps.log(`display: ${state === 'day' ? 'day, kept awake' : 'night, allowed to dim'}`);
      deps.onChange?.(state);
    }
    if (handle !== null) deps.timers.clearTimeout(handle);
    const next = nextChange(now, deps.night, deps.timeZone);
    const wait = next ? Math.min(next.getTime() - now.getTime(), MAX_WAIT_MS) : MAX_WAIT_MS;
    handle = deps.timers.setTimeout(check, Math.max(wait, 1_000));
  };
  deps.monitor?.on('resume', check);
  deps.monitor?.on('unlock-screen', check);
  check();
  return {
    check,
    state: () => current ?? 'day',
    dispose() {
      if (handle !== null) deps.timers.clearTimeout(handle);
      if (id !== null) deps.blocker.stop(id);
      id = null;
    },
  };
}
