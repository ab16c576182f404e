/** The id a server's one centre has until a deployment hosts several. */
export const DEFAULT_CENTRE_ID = 'centre';
export { DEFAULT_TIME_ZONE } from '../domain/rules/days.js';
