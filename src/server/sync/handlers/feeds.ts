/**
 * feed.create / feed.revoke: residents' private calendar addresses (issue 10, server/feeds).
 *
 * - A relative makes one for their own residents only (another resident is answered exactly as a
 *   missing one); staff for anyone. Making one is reading, not acting on the resident's behalf,
 *   so staff's "relatives may act" setting does not apply; the resident's consent for the
 *   calendar channel does.
 * - A relative's new address stops their older one for the same resident ("a new address kills
 *   the old one"); staff-made addresses are not touched by it.
 * - A relative stops only their own addresses; staff any. Another relative's feed is answered as
 *   a missing one.
 */
import { legacyConsent } from '../../../domain/rules/consent.js';
import { isStaff } from '../../auth/principal.js';
import {
  feedById,
  insertFeed,
  revokeFeed,
  revokeRelativeFeeds,
  tokenTaken,
} from '../../feeds/feeds.js';
import { Rejection, type PartialHandlers } from '../handler.js';

const NO_RESIDENT = 'No such resident.';
const NO_FEED = 'No such calendar address.';

export const feedHandlers: PartialHandlers<'feed.create' | 'feed.revoke'> = {
  async 'feed.create'(ctx, { feedId, residentId, token }) {
    const p = ctx.principal;
    const relative = p.kind === 'user' && p.role === 'relative';
    if (relative && !p.residentIds.includes(residentId))
      throw new Rejection('not_found', NO_RESIDENT);
    const resident = await ctx.w.get('resident', residentId);
    if (!resident) throw new Rejection('not_found', NO_RESIDENT);
    const consent = resident.consent ?? legacyConsent(resident.wallConsent);
    // A relative receives nothing of a resident without consent for the relatives' view
    // (sync/visibility.ts), whatever linked them: answered as a missing resident.
    if (relative && !consent.relatives.given) throw new Rejection('not_found', NO_RESIDENT);
    if (!consent.calendar.given)
      throw new Rejection(
        'forbidden',
        `${resident.displayName} has not consented to a calendar feed; staff record the consent first.`,
        'no_consent',
      );
    if (await feedById(ctx.w, feedId))
      throw new Rejection('conflict', 'A calendar address with this id exists already.');
    if (await tokenTaken(ctx.w, token))
      throw new Rejection('conflict', 'This calendar address is used already.');
    const userId = relative ? p.id : null;
    if (userId !== null) await revokeRelativeFeeds(ctx.w, userId, [residentId]);
    const createdAt = ctx.now.toISOString();
    await insertFeed(ctx.w, { feedId, residentId, userId, createdAt, revokedAt: null }, token);
    return { result: { feedId, createdAt } };
  },

  async 'feed.revoke'(ctx, { feedId }) {
    const p = ctx.principal;
    const row = await feedById(ctx.w, feedId);
    if (!row) throw new Rejection('not_found', NO_FEED);
    if (!isStaff(p)) {
      // A relative: only their own, for a resident they still have.
      const own =
        p.kind === 'user' && row.userId === p.id && p.residentIds.includes(row.residentId);
      if (!own) throw new Rejection('not_found', NO_FEED);
    }
    await revokeFeed(ctx.w, row);
    return { result: { feedId, revoked: true } };
  },
};
