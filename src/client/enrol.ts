/**
 * Kiosk enrolment: exchanges a one-time code (valid 10 minutes) for the kiosk's device token via
 * `POST /api/devices/enrol`. Every kiosk front end needs it, so it lives beside the engine and the
 * UI never calls the network itself.
 */

export type EnrolOutcome =
  | { ok: true; token: string; deviceId: string; name: string }
  | {
      ok: false;
      /** The server's code (`code_unknown`, `code_used`, `code_expired`, `device_revoked`,
       * `rate_limited`, `invalid`), `http_<status>`, or `network` when the server was not reached. */
      error: string;
      message: string;
    };

export async function enrolDevice(
  origin: string,
  code: string,
  fetchFn: typeof fetch = fetch,
): Promise<EnrolOutcome> {
  let res: Response;
  try {
    res = await fetchFn(`${origin.replace(/\/+$/, '')}/api/devices/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
  } catch {
    return { ok: false, error: 'network', message: '' };
  }
  const body: unknown = await res.json().catch(() => null);
  const field = (k: string): string => {
    const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[k] : undefined;
    return typeof v === 'string' ? v : '';
  };
  if (res.ok && field('token')) {
    return { ok: true, token: field('token'), deviceId: field('deviceId'), name: field('name') };
  }
  return { ok: false, error: field('error') || `http_${res.status}`, message: field('message') };
}

/**
 * Asks the server to set the kiosk's HttpOnly device cookie (`POST /api/devices/cookie`), so
 * the page's `<img src="/media/…">` and `<video>` are authorised (src/protocol/README.md). Called
 * at every start: it renews the cookie. Offline it fails quietly; the browser's cache still holds
 * the media seen before.
 */
export async function renewDeviceCookie(
  origin: string,
  token: string,
  fetchFn: typeof fetch = fetch,
): Promise<boolean> {
  try {
    const res = await fetchFn(`${origin.replace(/\/+$/, '')}/api/devices/cookie`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      credentials: 'same-origin',
    });
    return res.ok;
  } catch {
    return false;
  }
}
