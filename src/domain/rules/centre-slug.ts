/**
 * A centre's slug: its name in its address (`<slug>.<base domain>`) and in its database schema
 * (`c_<slug>`, `-` as `_`). A DNS label of 2–30 lower-case letters, digits and inner hyphens that
 * starts with a letter, never one the deployment keeps for itself. The server refuses any other
 * (src/server/municipal/directory.ts), and the municipal admin's form shows the same rule and
 * suggests a slug from the centre's name (`slugFromName`).
 */
import { z } from 'zod';

export const SLUG_MAX_LENGTH = 30;
export const RESERVED_SLUGS = new Set(['www', 'admin', 'api', 'mail', 'municipal', 'kommune']);

/**
 * The refusals' messages, exported so a page can put each in its own words (a schema's own
 * message wins over zod's locale, so the page recognises them by these texts).
 */
export const SLUG_MESSAGES = {
  format: 'a slug is 2–30 of a-z, 0-9 and inner hyphens',
  doubleHyphen: 'a slug has no double hyphens',
  reserved: 'that slug is kept for the deployment itself',
} as const;

export const CentreSlug = z
  .string()
  .regex(new RegExp(`^[a-z](?:[a-z0-9-]{0,${SLUG_MAX_LENGTH - 2}}[a-z0-9])$`), SLUG_MESSAGES.format)
  .refine((s) => !s.includes('--'), SLUG_MESSAGES.doubleHyphen)
  .refine((s) => !RESERVED_SLUGS.has(s), SLUG_MESSAGES.reserved);

/** Letters whose Danish (and German) spelling in ASCII is two letters, as in Aarhus. */
const SPELLED: Record<string, string> = {
  æ: 'ae',
  ø: 'oe',
  å: 'aa',
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
};

/**
 * The slug a centre's name suggests: folded to ASCII ("Ærtebjerg Bo" → "aertebjerg-bo",
 * "Café Søndervang" → "cafe-soendervang"), every other run of characters one hyphen, starting
 * with a letter, at most 30 long. A name with too little in it (digits only, "ÆØ") suggests
 * what it can; the rule then says what is missing.
 */
export function slugFromName(name: string): string {
  const folded = name
    .toLowerCase()
    .replace(/[æøåäöüß]/g, (c) => SPELLED[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
  return folded
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, '');
}
