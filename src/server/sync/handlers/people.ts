/**
 * Residents' records and consent, relatives' invitations and access, and GDPR erasure
 * (issue 9, people). Consent rules: domain/rules/consent; accounts: people/relatives.
 */
import {
  consentChannels,
  type Consent,
  type Invitation,
  type Resident,
} from '../../../domain/model.js';
import {
  legacyConsent,
  noConsent,
  recordConsent,
  type ConsentAnswers,
} from '../../../domain/rules/consent.js';
import { hashPassword, hashToken } from '../../auth/tokens.js';
import { relativeRow, relativesOf, setRelativeResidents } from '../../people/relatives.js';
import { eraseResident } from '../../people/erase.js';
import { revokeResidentFeeds } from '../../feeds/feeds.js';
import { setPinHash } from '../../store/secrets.js';
import { Rejection, type HandlerContext, type PartialHandlers } from '../handler.js';

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const consentOf = (r: Resident | undefined): Consent =>
  r ? (r.consent ?? legacyConsent(r.wallConsent)) : noConsent();

/** Ends a relative's sockets at once (the sweep would within a second). */
const endSockets = (ctx: HandlerContext, userId: string): void =>
  ctx.effect({ kind: 'end-user', userId });

/** Withdrawn consent for the relatives' view ends every relative's access to the resident. */
async function unlinkRelatives(ctx: HandlerContext, residentId: string): Promise<void> {
  for (const user of await relativesOf(ctx.w, residentId)) {
    const ids = (JSON.parse(user.resident_ids) as string[]).filter((id) => id !== residentId);
    await setRelativeResidents(ctx.w, user, ids);
    endSockets(ctx, user.id);
  }
}

async function invitationOrReject(ctx: HandlerContext, id: string): Promise<Invitation> {
  const inv = await ctx.w.get('invitation', id);
  if (!inv) throw new Rejection('not_found', 'No such invitation.');
  return inv;
}

export const peopleHandlers: PartialHandlers<
  'resident.put' | 'relative.invite' | 'invitation.revoke' | 'relative.revoke' | 'resident.erase'
> = {
  async 'resident.put'(ctx, input) {
    const { pin, consent: answers, wallConsent: wallFlag, ...fields } = input;
    const existing = await ctx.w.get('resident', input.id);
    const current = consentOf(existing);
    const all: ConsentAnswers = {};
    for (const c of consentChannels) {
      const a = answers?.[c];
      if (a) all[c] = a;
    }
    // The one-flag input of protocol v1 (kiosk tools, the CLI, older admin code): a change of
    // the flag is recorded as an answer of unknown origin.
    if (wallFlag !== undefined && !answers?.wall && wallFlag !== current.wall.given)
      all.wall = { given: wallFlag, by: null };
    const at = ctx.now.toISOString();
    const { consent, changes } = recordConsent(current, all, ctx.principal.id, at);
    let hasPin = existing?.hasPin ?? false;
    if (pin !== undefined) {
      await setPinHash(ctx.w.db, input.id, pin === null ? null : await hashPassword(pin));
      hasPin = pin !== null;
    }
    const wallConsent = consent.wall.given;
    // Absent keeps what staff set before (protocol v1 clients never send it): no for a new one.
    const relativesMayAct = fields.relativesMayAct ?? existing?.relativesMayAct ?? false;
    await ctx.w.put('resident', { ...fields, wallConsent, consent, hasPin, relativesMayAct });
    for (const c of changes)
      await ctx.w.db
        .insertInto('consent_event')
        .values({
          resident_id: input.id,
          channel: c.channel,
          given: c.record.given ? 1 : 0,
          given_by: c.record.by,
          recorded_by: ctx.principal.id,
          at,
        })
        .execute();
    // Consent decides what every kiosk may see: a change makes them start over (`reset`).
    if (!existing || existing.wallConsent !== wallConsent)
      ctx.effect({ kind: 'consent', residentId: input.id, wallConsent });
    if (current.relatives.given && !consent.relatives.given) await unlinkRelatives(ctx, input.id);
    // Withdrawn calendar consent stops every calendar address of the resident (server/feeds).
    if (current.calendar.given && !consent.calendar.given)
      await revokeResidentFeeds(ctx.w, input.id);
    return undefined;
  },

  async 'relative.invite'(ctx, { inviteId, residentIds, name, email, token }) {
    if (await ctx.w.get('invitation', inviteId))
      throw new Rejection('conflict', 'An invitation with this id exists already.');
    const ids = [...new Set(residentIds)];
    for (const id of ids) {
      const r = await ctx.w.get('resident', id);
      if (!r) throw new Rejection('not_found', `No such resident (${id}).`);
      if (!consentOf(r).relatives.given)
        throw new Rejection(
          'forbidden',
          `${r.displayName} has not consented to the relatives' view; record the consent first.`,
          'no_consent',
        );
    }
    const tokenHash = hashToken(token);
    const taken = await ctx.w.db
      .selectFrom('invitation_token')
      .select('invite_id')
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (taken) throw new Rejection('conflict', 'This invitation token is used already.');
    const expiresAt = new Date(ctx.now.getTime() + INVITATION_TTL_MS).toISOString();
    await ctx.w.db
      .insertInto('invitation_token')
      .values({ token_hash: tokenHash, invite_id: inviteId, expires_at: expiresAt })
      .execute();
    await ctx.w.put('invitation', {
      id: inviteId,
      name,
      email: email ?? null,
      residentIds: ids,
      createdAt: ctx.now.toISOString(),
      expiresAt,
      status: 'open',
      userId: null,
    });
    return { result: { inviteId, expiresAt } };
  },

  async 'invitation.revoke'(ctx, { inviteId }) {
    const inv = await invitationOrReject(ctx, inviteId);
    if (inv.status === 'accepted')
      throw new Rejection(
        'conflict',
        'This invitation was accepted; remove the relative’s access instead.',
      );
    // The token's row stays (until it expires), so its link is answered "withdrawn", not "unknown".
    if (inv.status !== 'revoked') await ctx.w.put('invitation', { ...inv, status: 'revoked' });
    return undefined;
  },

  async 'relative.revoke'(ctx, { userId, residentId }) {
    const user = await relativeRow(ctx.w, userId);
    // A staff member's id is answered as a missing relative: this removes relatives only.
    if (!user) throw new Rejection('not_found', 'No such relative.');
    const linked = JSON.parse(user.resident_ids) as string[];
    if (residentId !== undefined && !linked.includes(residentId))
      throw new Rejection('not_found', 'This relative is not linked to that resident.');
    const next = residentId === undefined ? [] : linked.filter((id) => id !== residentId);
    await setRelativeResidents(ctx.w, user, next);
    endSockets(ctx, userId);
    return { result: { residentIds: next, access: next.length > 0 } };
  },

  async 'resident.erase'(ctx, { residentId }) {
    const resident = await ctx.w.get('resident', residentId);
    if (!resident) throw new Rejection('not_found', 'No such resident.');
    const ended = await eraseResident(ctx, residentId);
    for (const userId of ended) endSockets(ctx, userId);
    if (resident.photo) ctx.effect({ kind: 'media-unreferenced', hash: resident.photo });
    ctx.effect({ kind: 'consent', residentId, wallConsent: null });
    return undefined;
  },
};
