/**
 * The municipal admin's calls to its own server (src/protocol/municipal.ts): the session is an
 * HttpOnly cookie the server sets, so no script here ever holds it. Every answer becomes an
 * outcome the page puts in its own words.
 */
import {
  CentreCreated,
  MunicipalCentres,
  MunicipalSession,
  type CreateCentreBody,
  type MunicipalCentre,
  type MunicipalLogin,
} from '../../protocol/municipal.js';

const BASE = '/api/municipal';

async function call(path: string, init: RequestInit = {}): Promise<Response | 'offline'> {
  try {
    return await fetch(`${BASE}${path}`, {
      credentials: 'same-origin',
      ...init,
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    });
  } catch {
    return 'offline';
  }
}

const post = (path: string, body?: unknown) =>
  call(path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

const jsonOf = (res: Response): Promise<unknown> => res.json().catch(() => null);

/** Who is signed in here (by the cookie), null if nobody, `offline` if the server is away. */
export async function fetchSession(): Promise<MunicipalSession | null | 'offline'> {
  const res = await call('/session');
  if (res === 'offline') return 'offline';
  if (!res.ok) return null;
  const parsed = MunicipalSession.safeParse(await jsonOf(res));
  return parsed.success ? parsed.data : null;
}

export type LoginOutcome =
  | { ok: true; session: MunicipalSession }
  | { ok: false; why: 'wrong' | 'offline' | 'failed' }
  | { ok: false; why: 'limited'; minutes: number };

/** A 429's Retry-After (seconds; a minute when absent) in whole minutes, at least one. */
function retryMinutes(res: Response): number {
  const seconds = Number(res.headers.get('retry-after') ?? '60');
  return Math.max(1, Math.ceil((Number.isFinite(seconds) ? seconds : 60) / 60));
}

export async function login(body: MunicipalLogin): Promise<LoginOutcome> {
  const res = await post('/login', body);
  if (res === 'offline') return { ok: false, why: 'offline' };
  if (res.status === 429) return { ok: false, why: 'limited', minutes: retryMinutes(res) };
  if (res.status === 401 || res.status === 400) return { ok: false, why: 'wrong' };
  const parsed = MunicipalSession.safeParse(await jsonOf(res));
  return res.ok && parsed.success
    ? { ok: true, session: parsed.data }
    : { ok: false, why: 'failed' };
}

export async function logout(): Promise<void> {
  await post('/logout');
}

export type CentresOutcome =
  { ok: true; centres: MunicipalCentre[] } | { ok: false; why: 'signedOut' | 'failed' };

export async function fetchCentres(): Promise<CentresOutcome> {
  const res = await call('/centres');
  if (res !== 'offline' && res.status === 401) return { ok: false, why: 'signedOut' };
  const parsed =
    res === 'offline' || !res.ok ? null : MunicipalCentres.safeParse(await jsonOf(res));
  return parsed?.success
    ? { ok: true, centres: parsed.data.centres }
    : { ok: false, why: 'failed' };
}

export type CreateOutcome =
  | { ok: true; centre: CentreCreated }
  | { ok: false; why: 'exists' | 'signedOut' | 'offline' | 'serverError' }
  | { ok: false; why: 'invalid'; message: string };

export async function createCentre(body: CreateCentreBody): Promise<CreateOutcome> {
  const res = await post('/centres', body);
  if (res === 'offline') return { ok: false, why: 'offline' };
  const answer = await jsonOf(res);
  if (res.status === 201) {
    const parsed = CentreCreated.safeParse(answer);
    return parsed.success ? { ok: true, centre: parsed.data } : { ok: false, why: 'serverError' };
  }
  if (res.status === 409) return { ok: false, why: 'exists' };
  if (res.status === 401) return { ok: false, why: 'signedOut' };
  if (res.status === 400) {
    // The form checks the same schema first, so this is rare (a rule the browser cannot know).
    const message = (answer as { message?: unknown } | null)?.message;
    return { ok: false, why: 'invalid', message: typeof message === 'string' ? message : '' };
  }
  return { ok: false, why: 'serverError' };
}
