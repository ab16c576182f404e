/**
 * Bodies and answers of the REST endpoints a browser page of a person calls (protocol README
 * section 2), written once: the server validates with them and the pages' forms use the same
 * schemas, so the rule a field shows is the rule the server keeps.
 */
import { z } from 'zod';
import { Role } from '../domain/model.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../domain/rules/credentials.js';

export const LoginBody = z.object(
  {
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(200),
  },
  { error: 'A login needs { username (1–64), password (1–200) }.' },
);
export type LoginBody = z.infer<typeof LoginBody>;

/** `GET /api/session`: who the session cookie belongs to. */
export const SessionInfo = z.object({
  userId: z.string(),
  role: Role,
  displayName: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** A new password: the same rule for "change my password", a reset and an invitation. */
export const NewPassword = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);
