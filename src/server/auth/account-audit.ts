/**
 * The audit rows of accounts: logins, failed logins, refusals (a disabled user, too many
 * attempts) and what an operator did from the command line (disable, enable, password reset,
 * sessions revoked). Never a password: the details carry the username, the reason and the
 * client address. Staff mutations are audited by the mutation pipeline (sync/mutate.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

export type LoginAction = 'login' | 'login.failed' | 'login.refused';
export type AccountAction =
  'user.create' | 'user.disable' | 'user.enable' | 'user.password_reset' | 'user.sessions_revoked';

/** The actor of what an operator does on the server machine itself. */
export const CLI_ACTOR = 'cli';

async function write(
  db: Kysely<Database>,
  now: Date,
  row: { actor: string; action: string; userId: string | null; detail: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('audit')
    .values({
      at: now.toISOString(),
      actor: row.actor,
      action: row.action,
      entity_type: row.userId === null ? null : 'user',
      entity_id: row.userId,
      detail: JSON.stringify(row.detail).slice(0, 2000),
    })
    .execute();
}

export function auditLogin(
  db: Kysely<Database>,
  now: Date,
  e: { action: LoginAction; userId: string | null; detail: Record<string, unknown> },
): Promise<void> {
  return write(db, now, {
    actor: e.userId === null ? 'anonymous' : `user:${e.userId}`,
    action: e.action,
    userId: e.userId,
    detail: e.detail,
  });
}

export function auditAccount(
  db: Kysely<Database>,
  now: Date,
  e: { action: AccountAction; userId: string; detail: Record<string, unknown> },
): Promise<void> {
  return write(db, now, { actor: CLI_ACTOR, ...e });
}

/**
 * Logins refused before any password check (too many attempts). A flood is refused thousands
 * of times a minute; one row per client address and reason per window says the same without
 * letting an anonymous caller write to the database at will.
 */
export class LoginRefusals {
  readonly #last = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Audits a refusal unless this address was audited for this reason within the window. */
  async refused(now: Date, from: string, reason: 'rate_limited' | 'busy'): Promise<boolean> {
    const key = `${reason}|${from}`;
    const last = this.#last.get(key);
    if (last !== undefined && now.getTime() - last < this.windowMs) return false;
    this.#last.set(key, now.getTime());
    // Forget addresses whose window is over, so the map stays as small as the flood is wide.
    // A flood from more addresses than that costs at most one more row per address.
    if (this.#last.size > 10_000) {
      for (const [k, at] of this.#last)
        if (now.getTime() - at >= this.windowMs) this.#last.delete(k);
      if (this.#last.size > 10_000) this.#last.clear();
    }
    await auditLogin(this.db, now, {
      action: 'login.refused',
      userId: null,
      detail: { reason, from },
    });
    return true;
  }
}
