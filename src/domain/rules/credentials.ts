/**
 * What a login may be named and how short its new password may be: one rule for every account
 * (staff, admins, relatives, municipal admins), kept by the server (src/server/auth/accounts.ts)
 * and shown by the forms that make them before any mistake.
 */
import { z } from 'zod';

export const USERNAME_RULE = /^[a-zA-Z0-9._@-]{2,64}$/;
export const USERNAME_MESSAGE = 'A username is 2–64 letters, digits or . _ @ -';
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;
export const PASSWORD_MESSAGE = `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`;

/** A new login's username. */
export const Username = z.string().regex(USERNAME_RULE, USERNAME_MESSAGE);
/** A new login's password. */
export const NewLoginPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, PASSWORD_MESSAGE)
  .max(MAX_PASSWORD_LENGTH);
