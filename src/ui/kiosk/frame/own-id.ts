/**
 * The kiosk's own device id, so it shows a message to the wall only when it is for all kiosks or
 * for this one (the server sends every notice to every kiosk: they are not personal). Learned
 * from the answer to `POST /api/devices/cookie`, which the kiosk sends at every start, and kept
 * in localStorage so an offline start still knows it.
 */
const KEY = 'citizen-guide.kiosk-device';

export function readOwnId(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** A `fetch` for renewDeviceCookie that also keeps the device id from its answer. */
export const fetchRememberingOwnId: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  if (res.ok) {
    const body = (await res
      .clone()
      .json()
      .catch(() => null)) as { deviceId?: unknown } | null;
    if (typeof body?.deviceId === 'string') {
      try {
        localStorage.setItem(KEY, body.deviceId);
      } catch {
        // Private mode or full storage: notices for some kiosks then wait for the next start.
      }
    }
  }
  return res;
};
