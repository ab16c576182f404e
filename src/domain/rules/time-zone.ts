/**
 * A centre's time zone: every "day" of the guide is computed in it (days.ts), so a name the
 * runtime does not know would break every day view, on the server and on every screen. One rule
 * for the centre record (model.ts), and so for `centre.put` and the municipal admin's new centre.
 */
export const TIME_ZONE_MESSAGE = 'not a time zone (e.g. Europe/Copenhagen)';

/** An IANA name's shape: `Area/Location`, `UTC`, `Etc/GMT+1`; no offsets, paths or spaces. */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/**
 * True for a zone this runtime knows, written as an IANA name. Offsets such as `+01:00` are left
 * out although newer runtimes take them: every screen must read the zone the same way.
 */
export function knownTimeZone(zone: string): boolean {
  if (!IANA_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
