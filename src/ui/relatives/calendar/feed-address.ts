/**
 * A calendar address as this browser holds it. The server keeps only the token's hash, so the
 * token (the secret part of `/ical/<token>.ics`) lives only here: made in the browser (256 random
 * bits, base64url: the protocol's FeedToken), kept in this browser's storage per signed-in user
 * and resident, and never sent anywhere but in `feed.create`.
 */

export interface HeldAddress {
  feedId: string;
  token: string;
}

const toBase64Url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** 256 random bits as 43 base64url characters. */
export function newFeedToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return toBase64Url(bytes);
}

/** A fresh id for `feed.create` (not secret). */
export function newFeedId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `feed-${toBase64Url(bytes)}`;
}

const keyOf = (userId: string, residentId: string): string =>
  `cg-family-feed:${userId}:${residentId}`;

export function heldAddress(userId: string, residentId: string): HeldAddress | null {
  try {
    const raw = localStorage.getItem(keyOf(userId, residentId));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<HeldAddress>;
    return typeof v.feedId === 'string' && typeof v.token === 'string'
      ? { feedId: v.feedId, token: v.token }
      : null;
  } catch {
    return null;
  }
}

export function holdAddress(userId: string, residentId: string, a: HeldAddress): void {
  localStorage.setItem(keyOf(userId, residentId), JSON.stringify(a));
}

export function forgetAddress(userId: string, residentId: string): void {
  localStorage.removeItem(keyOf(userId, residentId));
}

/** The ways to open the address: the plain one, for Apple's calendars, and for Google's. */
export function addressLinks(
  location: Pick<Location, 'host' | 'origin'>,
  token: string,
): { https: string; webcal: string; google: string } {
  const path = `/ical/${token}.ics`;
  const webcal = `webcal://${location.host}${path}`;
  return {
    https: `${location.origin}${path}`,
    webcal,
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
  };
}
