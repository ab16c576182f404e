/**
 * The municipal admin's HTTP API on a deployment's base domain (src/server/municipal/, README
 * section 2 "Other endpoints"): bodies and answers written once, so the server validates with the
 * very schemas the admin's page (src/ui/municipal) shows its rules from.
 */
import { z } from 'zod';
import { Centre } from '../domain/model.js';
import { CentreSlug } from '../domain/rules/centre-slug.js';
import { NewLoginPassword, Username } from '../domain/rules/credentials.js';

// The zone rule is the centre record's own (domain/rules/time-zone.ts).
export { knownTimeZone, TIME_ZONE_MESSAGE } from '../domain/rules/time-zone.js';

/** `POST /api/municipal/login`. */
export const MunicipalLogin = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type MunicipalLogin = z.infer<typeof MunicipalLogin>;

/** A centre as the directory makes it. */
export const NewCentre = z.strictObject({
  slug: CentreSlug,
  name: Centre.shape.name,
  timeZone: Centre.shape.timeZone,
});
export type NewCentre = z.infer<typeof NewCentre>;

/** `POST /api/municipal/centres`: the centre and its first admin. */
export const CreateCentreBody = NewCentre.extend({
  admin: z.strictObject({
    username: Username,
    displayName: z.string().trim().min(1).max(80),
    password: NewLoginPassword,
  }),
});
export type CreateCentreBody = z.infer<typeof CreateCentreBody>;

/** One entry of `GET /api/municipal/centres` (`{ centres: [...] }`). */
export const MunicipalCentre = z.object({
  slug: z.string(),
  name: z.string(),
  url: z.string(),
  createdAt: z.string(),
});
export type MunicipalCentre = z.infer<typeof MunicipalCentre>;
export const MunicipalCentres = z.object({ centres: z.array(MunicipalCentre) });

/** `201` of `POST /api/municipal/centres`. */
export const CentreCreated = z.object({ slug: z.string(), name: z.string(), url: z.string() });
export type CentreCreated = z.infer<typeof CentreCreated>;

/** `GET /api/municipal/session` and `POST /api/municipal/login`. */
export const MunicipalSession = z.object({ username: z.string() });
export type MunicipalSession = z.infer<typeof MunicipalSession>;
