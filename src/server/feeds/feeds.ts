/**
 * Residents' private calendar addresses (issue 10): the `feed_token` table is the server's truth
 * (the SHA-256 of the token, never the token; whose feed; made by which relative or by staff;
 * when; when revoked), and the `feed` entity is its mirror without the hash, written in the same
 * transaction so staff and the relative who made it see exactly what the address does.
 *
 * Every write here runs inside a mutation's transaction (a Writer): `feed.create`/`feed.revoke`,
 * and the hooks that stop feeds when access ends (a relative removed from a resident,
 * people/relatives.ts; calendar consent withdrawn, handlers/people.ts; a resident erased).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Feed } from '../../domain/model.js';
import { hashToken } from '../auth/tokens.js';
import type { Database } from '../store/schema.js';
import type { Writer } from '../store/writer.js';

type Db = Kysely<Database>;

/** The shape of a token (`FeedToken` in the protocol): 256 bits as 43 base64url characters. */
export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface FeedRow {
  feedId: string;
  residentId: string;
  userId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

const toFeed = (r: FeedRow): Feed => ({
  id: r.feedId,
  residentId: r.residentId,
  userId: r.userId,
  createdAt: r.createdAt,
  revokedAt: r.revokedAt,
});

const columns = [
  'feed_id as feedId',
  'resident_id as residentId',
  'user_id as userId',
  'created_at as createdAt',
  'revoked_at as revokedAt',
] as const;

export async function feedById(w: Writer, feedId: string): Promise<FeedRow | undefined> {
  return (w.db as Db)
    .selectFrom('feed_token')
    .select(columns)
    .where('feed_id', '=', feedId)
    .executeTakeFirst();
}

/** Is this token's hash taken already (by any feed, revoked or not)? */
export async function tokenTaken(w: Writer, token: string): Promise<boolean> {
  const row = await (w.db as Db)
    .selectFrom('feed_token')
    .select('feed_id')
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertFeed(w: Writer, row: FeedRow, token: string): Promise<void> {
  await (w.db as Db)
    .insertInto('feed_token')
    .values({
      feed_id: row.feedId,
      token_hash: hashToken(token),
      resident_id: row.residentId,
      user_id: row.userId,
      created_at: row.createdAt,
      revoked_at: row.revokedAt,
    })
    .execute();
  await w.put('feed', toFeed(row));
}

/** Stops the given feeds (those already stopped are left as they are). */
async function revokeRows(w: Writer, rows: readonly FeedRow[]): Promise<number> {
  const at = w.now.toISOString();
  let n = 0;
  for (const row of rows) {
    if (row.revokedAt !== null) continue;
    await (w.db as Db)
      .updateTable('feed_token')
      .set({ revoked_at: at })
      .where('feed_id', '=', row.feedId)
      .execute();
    await w.put('feed', toFeed({ ...row, revokedAt: at }));
    n += 1;
  }
  return n;
}

export const revokeFeed = (w: Writer, row: FeedRow): Promise<number> => revokeRows(w, [row]);

/** Every live feed of a resident (calendar consent withdrawn). */
export async function revokeResidentFeeds(w: Writer, residentId: string): Promise<number> {
  const rows = await (w.db as Db)
    .selectFrom('feed_token')
    .select(columns)
    .where('resident_id', '=', residentId)
    .where('revoked_at', 'is', null)
    .execute();
  return revokeRows(w, rows);
}

/**
 * A relative's live feeds for some residents: when they lose access to them, or make a new
 * address ("a new address stops the old one").
 */
export async function revokeRelativeFeeds(
  w: Writer,
  userId: string,
  residentIds: readonly string[],
): Promise<number> {
  if (residentIds.length === 0) return 0;
  const rows = await (w.db as Db)
    .selectFrom('feed_token')
    .select(columns)
    .where('user_id', '=', userId)
    .where('resident_id', 'in', [...residentIds])
    .where('revoked_at', 'is', null)
    .execute();
  return revokeRows(w, rows);
}

/**
 * A resident erased: their feeds' rows and what the feed served go (the `feed` entities go with
 * the resident's other records, erase.ts).
 */
export async function forgetResidentFeeds(w: Writer, residentId: string): Promise<void> {
  const db = w.db as Db;
  await db.deleteFrom('feed_token').where('resident_id', '=', residentId).execute();
  await db.deleteFrom('feed_event').where('resident_id', '=', residentId).execute();
}

/**
 * The live feed a token opens, or null. The lookup is by the token's SHA-256, so the database's
 * index compares hashes, never the secret; the stored hash is compared again in constant time.
 */
export async function liveFeedByToken(db: Db, token: string): Promise<FeedRow | null> {
  const hash = hashToken(token);
  const row = await db
    .selectFrom('feed_token')
    .select([...columns, 'token_hash as tokenHash'])
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  if (!row) return null;
  const same = timingSafeEqual(Buffer.from(row.tokenHash, 'hex'), Buffer.from(hash, 'hex'));
  if (!same || row.revokedAt !== null) return null;
  return {
    feedId: row.feedId,
    residentId: row.residentId,
    userId: row.userId,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  };
}
