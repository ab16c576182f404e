/**
 * Which part of a municipal deployment a request is for, from its Host: the base domain itself
 * is the municipal admin, `<slug>.<base domain>` one centre (README.md). Each centre is its own
 * origin, so its cookies, its service worker and its cache are the browser's for it alone.
 */
import { CentreSlug } from './directory.js';

export type HostTarget =
  { kind: 'municipal' } | { kind: 'centre'; slug: string } | { kind: 'none' };

/** The host name of a Host header: lower case, without port or trailing dot; null if none. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const h = header.trim().toLowerCase();
  // [v6]:port or [v6]; name:port or name.
  const name = h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : h.replace(/:\d*$/, '');
  return name.replace(/\.$/, '') || null;
}

export function targetOfHost(header: string | undefined, baseDomain: string): HostTarget {
  const name = hostName(header);
  const base = baseDomain.toLowerCase().replace(/\.$/, '');
  if (name === null) return { kind: 'none' };
  if (name === base) return { kind: 'municipal' };
  if (!name.endsWith(`.${base}`)) return { kind: 'none' };
  const slug = name.slice(0, -(base.length + 1));
  return CentreSlug.safeParse(slug).success ? { kind: 'centre', slug } : { kind: 'none' };
}

/** The address of a centre, as its staff, kiosks and relatives open it. */
export function centreUrl(
  slug: string,
  base: { scheme: string; domain: string; port?: number },
): string {
  const port =
    base.port && base.port !== (base.scheme === 'https' ? 443 : 80) ? `:${base.port}` : '';
  return `${base.scheme}://${slug}.${base.domain}${port}`;
}
