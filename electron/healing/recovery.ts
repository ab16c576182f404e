/**
 * Two recoveries that are not a plain reload:
 *
 * - the GPU process crashed: Chromium may come back with a black or frozen window, so the whole
 *   app is restarted; a second GPU crash soon after a restart for that reason restarts with the
 *   GPU off (`--disable-gpu`): a screen that shows the day slowly beats one that shows nothing.
 * - a network outage: the page is NOT reloaded blindly (it shows the day from its cache, and a
 *   reload would lose nothing but gain nothing either). Only a page that failed to load (its main
 *   frame's `did-fail-load`) is reloaded, and only once the server answers `/healthz` again.
 */
import type { Timers } from './crash-guard.js';

export const GPU_RESTART_FLAG = '--cg-restarted-after-gpu-crash';

export interface RelaunchLike {
  relaunch(options: { args: string[] }): void;
  exit(code: number): void;
}

/**
 * What to do when a child process is gone (`app.on('child-process-gone')`). `argv` is
 * `process.argv.slice(1)` (the app's arguments); `uptimeMs` how long this process has run.
 */
export function onChildProcessGone(
  details: { type: string; reason: string },
  argv: readonly string[],
  uptimeMs: number,
  app: RelaunchLike,
  log: (line: string) => void,
): 'ignored' | 'restarted' | 'restarted-without-gpu' {
  if (details.type !== 'GPU' || details.reason === 'clean-exit') return 'ignored';
  const again = argv.includes(GPU_RESTART_FLAG) && uptimeMs < 10 * 60_000;
  const args = argv.filter((a) => a !== GPU_RESTART_FLAG);
  if (again && !args.includes('--disable-gpu')) args.push('--disable-gpu');
  args.push(GPU_RESTART_FLAG);
  log(
    `GPU process gone (${details.reason}); restarting the kiosk${again ? ' without the GPU' : ''}`,
  );
  app.relaunch({ args });
  app.exit(0);
  return again ? 'restarted-without-gpu' : 'restarted';
}

/** Chromium's "the load was aborted" (a navigation replaced it): not a broken page. */
const ERR_ABORTED = -3;

export interface OutageDeps {
  timers: Timers;
  /** True when the server answers (GET /healthz). */
  probe(): Promise<boolean>;
  reload(): void;
  log(line: string): void;
}

export interface OutageHealer {
  /** `did-fail-load` of the main frame. */
  failedLoad(errorCode: number, isMainFrame: boolean): void;
  /** `did-finish-load`: the page is up (from the network or its package/cache). */
  loaded(): void;
  broken(): boolean;
  dispose(): void;
}

export function createOutageHealer(
  deps: OutageDeps,
  intervalsMs: readonly number[] = [5_000, 15_000, 30_000, 60_000],
): OutageHealer {
  let broken = false;
  let attempt = 0;
  let handle: unknown = null;
  const stop = (): void => {
    if (handle !== null) deps.timers.clearTimeout(handle);
    handle = null;
  };
  const next = (): void => {
    stop();
    const wait = intervalsMs[Math.min(attempt, intervalsMs.length - 1)] ?? 60_000;
    attempt += 1;
    handle = deps.timers.setTimeout(() => {
      handle = null;
      void deps.probe().then(
        (up) => {
          if (!broken) return; // it came back by itself meanwhile
          if (up) {
            deps.log('server reachable again and the page is broken: reloading it');
            deps.reload();
          } else next();
        },
        () => {
          if (broken) next();
        },
      );
    }, wait);
  };
  return {
    failedLoad(errorCode, isMainFrame) {
      if (!isMainFrame || errorCode === ERR_ABORTED) return;
      if (!broken) deps.log(`kiosk page failed to load (${errorCode}); waiting for the server`);
      broken = true;
      attempt = 0;
      next();
    },
    loaded() {
      broken = false;
      attempt = 0;
      stop();
    },
    broken: () => broken,
    dispose: stop,
  };
}

/** GET /healthz with a short timeout; any answer but 2xx, or none, is "not reachable". */
export function healthProbe(
  serverUrl: string,
  fetchFn: (url: string, init: RequestInit) => Promise<Response>,
): () => Promise<boolean> {
  const url = `${serverUrl.replace(/\/+$/, '')}/healthz`;
  return async () => {
    try {
      const res = await fetchFn(url, { signal: AbortSignal.timeout(5_000) });
      return res.ok;
    } catch {
      return false;
    }
  };
}
