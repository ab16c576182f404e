/**
 * `POST /api/password {current, next}` (protocol README section 2) as outcomes in words: the
 * shared call (ui/shared/session/api.ts), whose outcomes this page words as they are.
 */
export { changePassword, type PasswordOutcome } from '../../shared/session/api.js';
