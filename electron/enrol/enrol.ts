/**
 * What the shell opens at start, decided before any window exists:
 *
 * - a stored token the server still knows (or a server we cannot reach: the page shows the day
 *   from its cache) → the wall, with no touch;
 * - no token but an enrolment code in the config → the code is exchanged here, in main, the token
 *   stored (token-store.ts) and the code removed from the config file, so a restart never sends
 *   a used code again (the old bug: "Koden er allerede brugt" and a screen waiting for a person);
 * - a token or code the server refused as revoked → the calm "removed" screen, once, not a loop;
 * - otherwise → the page's enrolment form, where staff type a code (sent back here by IPC).
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { KioskConfig } from '../config.js';
import type { TokenStore } from './token-store.js';

export type EnrolResult =
  { ok: true; token: string; deviceId: string } | { ok: false; error: string };

export type StartDecision =
  | { kind: 'wall'; token: string; checked: 'server' | 'offline' }
  | { kind: 'removed' }
  | { kind: 'needs-code'; problem: string | null };

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

const TIMEOUT_MS = 10_000;
const CHECK_TIMEOUT_MS = 4_000;
const base = (serverUrl: string): string => serverUrl.replace(/\/+$/, '');
/** Codes that will never work again: the config should stop offering them. */
const FINAL_CODE_ERRORS = new Set(['code_used', 'code_expired', 'code_unknown', 'device_revoked']);

/** `POST /api/devices/enrol` (src/protocol/README.md section 2). */
export async function exchangeCode(
  serverUrl: string,
  code: string,
  fetchFn: FetchLike,
): Promise<EnrolResult> {
  let res: Response;
  try {
    res = await fetchFn(`${base(serverUrl)}/api/devices/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    return { ok: false, error: 'network' };
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  const token = typeof body?.['token'] === 'string' ? body['token'] : '';
  if (res.ok && token) {
    const deviceId = typeof body?.['deviceId'] === 'string' ? body['deviceId'] : '';
    return { ok: true, token, deviceId };
  }
  const error = typeof body?.['error'] === 'string' ? body['error'] : `http_${res.status}`;
  return { ok: false, error };
}

/**
 * Asks the server whether it still knows the token (`POST /api/devices/cookie`): `revoked` only
 * on a 401, the server's word for an unknown or revoked kiosk. Anything else we cannot tell
 * (no network, a proxy's 502): the kiosk opens as if it were fine and the page shows its cache.
 */
export async function checkToken(
  serverUrl: string,
  token: string,
  fetchFn: FetchLike,
): Promise<'ok' | 'revoked' | 'unknown'> {
  try {
    const res = await fetchFn(`${base(serverUrl)}/api/devices/cookie`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      // Short: the wall waits for this answer, and without one it opens anyway (offline).
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
    if (res.ok) return 'ok';
    return res.status === 401 ? 'revoked' : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Takes `enrolCode` out of the config file, keeping every other field as it was. Written through
 * a temporary file with the file's own mode. Returns false (and the caller logs it) where the
 * file cannot be written, e.g. a read-only /etc: harmless, since a stored token always wins.
 */
export function removeEnrolCode(file: string): boolean {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (!('enrolCode' in json)) return true;
    delete json['enrolCode'];
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(json, null, 2) + '\n', { mode: statSync(file).mode & 0o777 });
    renameSync(tmp, file);
    return true;
  } catch {
    return false;
  }
}

export interface StartDeps {
  config: KioskConfig;
  configFile: string;
  store: TokenStore;
  fetch: FetchLike;
  log: (line: string) => void;
}

function dropCode({ config, configFile, log }: StartDeps): void {
  if (config.enrolCode === undefined) return;
  if (!removeEnrolCode(configFile))
    log(`kiosk config: could not remove the used enrolCode from ${configFile}; remove it by hand`);
}

export async function decideStart(deps: StartDeps): Promise<StartDecision> {
  const { config, store, log } = deps;
  const token = await store.read();
  if (token) {
    const state = await checkToken(config.serverUrl, token, deps.fetch);
    if (state !== 'revoked') {
      // A code left in the config next to a working token is stale: never send it again.
      dropCode(deps);
      return { kind: 'wall', token, checked: state === 'ok' ? 'server' : 'offline' };
    }
    if (!config.enrolCode) {
      log('kiosk token: the server no longer knows this kiosk (revoked); showing "removed"');
      return { kind: 'removed' };
    }
    // Staff enrol a removed kiosk again by putting a new code in its config.
    log('kiosk token: revoked; enrolling again with the code in the config');
    deps.store.clear();
  }
  if (!config.enrolCode) return { kind: 'needs-code', problem: null };
  const result = await enrolWithCode(deps, config.enrolCode);
  if (result.ok) return { kind: 'wall', token: result.token, checked: 'server' };
  if (result.error === 'device_revoked') return { kind: 'removed' };
  return { kind: 'needs-code', problem: result.error };
}

/** Exchanges a code (from the config or typed by staff), stores the token, drops the code. */
export async function enrolWithCode(deps: StartDeps, code: string): Promise<EnrolResult> {
  const result = await exchangeCode(deps.config.serverUrl, code, deps.fetch);
  if (result.ok) {
    await deps.store.write(result.token);
    dropCode(deps);
    deps.log(`kiosk enrolled as device ${result.deviceId || '(unnamed)'}`);
  } else {
    deps.log(`kiosk enrolment refused: ${result.error}`);
    if (FINAL_CODE_ERRORS.has(result.error)) dropCode(deps);
  }
  return result;
}
