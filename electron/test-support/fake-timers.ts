/** A fake clock for the shell's timers: time moves only when a test says so. */
import type { Timers } from '../healing/crash-guard.js';

export function fakeTimers(start = Date.UTC(2026, 11, 1, 12, 0)) {
  let now = start;
  let nextId = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h) => {
      due.delete(h as number);
    },
  };
  /** Moves the clock forward, running every timer that falls due on the way, in order. */
  const advance = (ms: number): void => {
    const end = now + ms;
    for (;;) {
      const next = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      due.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    now = end;
  };
  /** Sets the wall clock (NTP, a suspended PC) without running timers. */
  const jump = (to: number): void => {
    now = to;
  };
  return { timers, advance, jump, pending: () => due.size };
}
