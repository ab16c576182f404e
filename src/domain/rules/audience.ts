/**
 * The audience rule, the one place it lives: an activity or a news post is for everyone
 * (`{ kind: 'all' }`) or for members of some groups. The server calls it for every sign-up and
 * for what each client receives (pull and push); the screens call it to offer only what the
 * server will accept.
 */
import type { Audience } from '../model.js';

/** Is someone who belongs to `groupIds` in the audience? */
export function inAudience(audience: Audience, groupIds: readonly string[]): boolean {
  return audience.kind === 'all' || audience.groupIds.some((g) => groupIds.includes(g));
}

/**
 * Does an item with this audience reach a viewer that serves `groupIds`? A viewer that serves no
 * group in particular (a kiosk for the whole centre, staff) is reached by everything; one that
 * serves some groups (a kiosk in one house, a relative through their residents' groups) only by
 * items for everyone or for one of its groups.
 */
export function reaches(audience: Audience, groupIds: readonly string[] | 'all'): boolean {
  return groupIds === 'all' || inAudience(audience, groupIds);
}
