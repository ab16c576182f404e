/**
 * What the server keeps only for a while, and forgets on a schedule (once at start, then every
 * 6 hours on one timer):
 * - sessions past their expiry, and logged-out ones (neither can log anyone in again);
 * - enrolment codes used or past their expiry (a code works once, for 10 minutes);
 * - remembered mutation ids older than the protocol's 30 days (MUTATION_RETENTION_DAYS);
 * - audit rows older than the audit retention (default 2 years, a setting): long enough to answer
 *   "who changed this" for any complaint a centre handles, not for ever.
 */
import { MUTATION_RETENTION_DAYS } from '../../protocol/index.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { purgeProcessedMutations } from '../sync/mutate.js';

const DAY_MS = 86_400_000;
export const DEFAULT_AUDIT_RETENTION_DAYS = 730;
export const RETENTION_INTERVAL_MS = 6 * 3600_000;

export interface RetentionOptions {
  /** Audit rows older than this many days are deleted (default 730). */
  auditDays?: number;
  /** How often to purge, in ms (default 6 hours). */
  everyMs?: number;
}

export interface Purged {
  sessions: number;
  enrolCodes: number;
  mutations: number;
  audit: number;
}

/** Deletes what is past its retention at `now`; returns how many rows of each went. */
export async function purgeExpired(
  store: Store,
  now: Date,
  auditDays = DEFAULT_AUDIT_RETENTION_DAYS,
): Promise<Purged> {
  const at = now.toISOString();
  const db = store.db;
  const sessions = await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('expires_at', '<=', at), eb('revoked', '!=', 0)]))
    .executeTakeFirst();
  const codes = await db
    .deleteFrom('enrol_code')
    .where((eb) => eb.or([eb('expires_at', '<=', at), eb('used_at', 'is not', null)]))
    .executeTakeFirst();
  const mutations = await purgeProcessedMutations(store, now, MUTATION_RETENTION_DAYS);
  const auditCutoff = new Date(now.getTime() - auditDays * DAY_MS).toISOString();
  const audit = await db.deleteFrom('audit').where('at', '<', auditCutoff).executeTakeFirst();
  return {
    sessions: Number(sessions.numDeletedRows),
    enrolCodes: Number(codes.numDeletedRows),
    mutations,
    audit: Number(audit.numDeletedRows),
  };
}

export interface Retention {
  /** Runs a purge now (also what the timer does); never rejects (failures are logged). */
  run(): Promise<Purged | null>;
  /** Stops the timer and waits for a purge that is running (before the store closes). */
  stop(): Promise<void>;
}

/** Purges once now and then every `everyMs`, on one timer that does not keep the process alive. */
export function startRetention(
  store: Store,
  now: () => Date,
  logger: Logger,
  opts: RetentionOptions = {},
): Retention {
  const auditDays = opts.auditDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
  if (!Number.isFinite(auditDays) || auditDays < 1)
    throw new RangeError(`The audit retention must be at least 1 day, not ${auditDays}.`);
  let running: Promise<Purged | null> | null = null;
  const run = (): Promise<Purged | null> => {
    // A slow purge is not started twice over itself.
    running ??= purgeExpired(store, now(), auditDays)
      .then((purged) => {
        if (Object.values(purged).some((n) => n > 0)) logger.info({ purged }, 'retention purge');
        return purged;
      })
      .catch((err: unknown) => {
        logger.warn({ err }, 'retention purge failed; it runs again at the next interval');
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  void run();
  const timer = setInterval(() => void run(), opts.everyMs ?? RETENTION_INTERVAL_MS);
  timer.unref();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
