/**
 * The mutation pipeline: validate → deduplicate → authorise → apply the rule in one transaction
 * (entity writes, change-log append, the recorded outcome) → push only after commit.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import {
  MutateRequest,
  isMutationName,
  mutationCatalogue,
  redactArgs,
  rejected,
  retryLater,
  type MutateResult,
  type MutationName,
} from '../../protocol/index.js';
import { isStaff, principalKey, type Principal } from '../auth/principal.js';
import type { Logger } from '../logger.js';
import type { StoredMediaKind } from '../media/media-store.js';
import type { Database } from '../store/schema.js';
import { lockHead, type Store } from '../store/store.js';
import { Writer, appendToLog, type LoggedChange } from '../store/writer.js';
import { countUsage } from '../evaluation/usage-counts.js';
import { Rejection, type Effect, type Handler, type HandlerContext } from './handler.js';
import { handlers } from './handlers/index.js';

export interface MutationServiceDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
  timeZone: () => string;
  hasConsent: (residentId: string) => boolean;
  /**
   * What the media store holds under a hash (media-store.ts `storedMediaKind`). Absent (tests
   * without a media store): nothing is stored, so a mutation naming a photo is refused.
   */
  mediaKind?: (hash: string) => Promise<StoredMediaKind | null>;
  /**
   * Called after commit with the committed changes, in commit order. `receivedMs` is when the
   * batch's oldest mutation arrived (`performance.now()`), for the push-latency metric.
   */
  committed: (
    after: number,
    cursor: number,
    changes: LoggedChange[],
    effects: Effect[],
    receivedMs: number,
  ) => void;
  /**
   * Wraps each handler before it runs. Tests use it to inject faults (a handler that throws on
   * its first attempts); production passes nothing.
   */
  wrapHandler?: <N extends MutationName>(name: N, handler: Handler<N>) => Handler<N>;
  /**
   * Test hook: told when a client's mutation joins the writer queue (after its checks), so a
   * test can order events from different sockets at the queue itself.
   */
  queued?: (name: MutationName, who: string) => void;
}

/** Who `internal()` writes are made by (never authorised against the catalogue). */
const SERVER_PRINCIPAL: Principal = {
  kind: 'user',
  id: 'server',
  role: 'admin',
  name: 'server',
  residentIds: [],
  sessionHash: '',
};

/** How long a client should wait before resending a mutation the server failed to apply. */
export const INTERNAL_RETRY_MS = 2000;

const internalFailure = (): MutateResult =>
  retryLater(
    'internal',
    'The server could not apply this mutation; send it again later.',
    INTERNAL_RETRY_MS,
  );

function describeZodError(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`)
    .join('; ');
}

interface Job {
  principal: Principal;
  who: string;
  id: string;
  name: MutationName;
  args: unknown;
  resolve: (r: MutateResult) => void;
  /** `performance.now()` when it was queued. */
  receivedMs: number;
  /** A server-internal write (`internal()`) instead of a mutation's handler. */
  internal?: (w: Writer) => Promise<void>;
}

interface Done {
  job: Job;
  outcome: MutateResult;
  after: number;
  changes: LoggedChange[];
  effects: Effect[];
}

interface OutcomeRow {
  id: string;
  principal: string;
  name: string;
  outcome: string;
  created_at: string;
}

/** The remembered first answer of a mutation id (final answers only). */
const recordOf = (job: Job, outcome: MutateResult, now: Date): OutcomeRow => ({
  id: job.id,
  principal: job.who,
  name: job.name,
  outcome: JSON.stringify(outcome),
  created_at: now.toISOString(),
});

/** Most mutations one transaction carries (group commit). */
const MAX_BATCH = 64;

/**
 * Applies mutations in one writer queue with group commit: the mutations that arrive while a
 * transaction is committing are applied together in the next one, each inside its own savepoint
 * so a refused one rolls back alone. A commit costs about as much as all the rest of a mutation
 * on a small disk; sharing it is what makes thousands of sign-ups a second possible. Nothing is
 * acknowledged before its transaction has committed.
 */
export class MutationService {
  #queue: Job[] = [];
  #running = false;
  #scheduled = false;
  #internalFailures = 0;
  /** Set by `drain()`: the server is shutting down and takes no new mutations. */
  #closing = false;
  #idle: (() => void)[] = [];

  constructor(private readonly deps: MutationServiceDeps) {}

  /** Mutations answered `retry`/`internal` since start (a handler threw, or a commit failed). */
  get internalFailures(): number {
    return this.#internalFailures;
  }

  mutate(principal: Principal, raw: unknown): Promise<MutateResult> {
    const envelope = MutateRequest.safeParse(raw);
    if (!envelope.success)
      return Promise.resolve(
        rejected('invalid', `Malformed mutation: ${describeZodError(envelope.error)}`),
      );
    const { id, name, args } = envelope.data;
    if (!isMutationName(name))
      return Promise.resolve(rejected('invalid', `Unknown mutation "${name}".`));
    const def = mutationCatalogue[name];
    if (!def.roles.includes(principal.role)) {
      return Promise.resolve(rejected('forbidden', `A ${principal.role} may not send ${name}.`));
    }
    const parsed = def.args.safeParse(args);
    if (!parsed.success)
      return Promise.resolve(rejected('invalid', `${name}: ${describeZodError(parsed.error)}`));
    // Shutting down: no answer at all, so the client keeps the mutation in its outbox and sends it
    // again to the next server (an unanswered mutation is resent, protocol section 9). Answering
    // it here could only be a guess; storing it after `drain()` would race the store's close.
    if (this.#closing) return new Promise<never>(() => undefined);
    return new Promise((resolve) => {
      this.#queue.push({
        principal,
        who: principalKey(principal),
        id,
        name,
        args: parsed.data,
        resolve,
        receivedMs: performance.now(),
      });
      this.deps.queued?.(name, principalKey(principal));
      this.#schedule();
    });
  }

  /**
   * A mutation the server itself makes (the booking-release sweep), through the same pipeline as
   * every client's: validated, deduplicated by `id`, applied in the writer queue, pushed, and
   * audited with `actor` (e.g. `system:booking-release`) as who did it. No role check: the
   * catalogue gives system-only mutations no client role, so no client can send them.
   */
  mutateAsSystem<N extends MutationName>(
    actor: `system:${string}`,
    name: N,
    args: unknown,
    id: string,
  ): Promise<MutateResult> {
    const parsed = mutationCatalogue[name].args.safeParse(args);
    if (!parsed.success)
      return Promise.resolve(rejected('invalid', `${name}: ${describeZodError(parsed.error)}`));
    if (this.#closing)
      return Promise.resolve(
        retryLater('internal', 'The server is shutting down.', INTERNAL_RETRY_MS),
      );
    return new Promise((resolve) => {
      this.#queue.push({
        principal: systemPrincipal(actor),
        who: actor,
        id,
        name,
        args: parsed.data,
        resolve,
        receivedMs: performance.now(),
      });
      this.#schedule();
    });
  }

  /**
   * A write the server makes itself (a kiosk connected or went away, a login created outside the
   * socket): through the same queue and transaction as the mutations, so its changes are pushed
   * in commit order like theirs. Not a protocol mutation: no id, no recorded outcome, no audit,
   * no usage count. Resolves after commit; rejects when it failed. Skipped once shutting down.
   */
  internal(label: string, run: (w: Writer) => Promise<void>): Promise<void> {
    if (this.#closing) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#queue.push({
        principal: SERVER_PRINCIPAL,
        who: 'server',
        id: `internal:${label}`,
        name: label as MutationName,
        args: {},
        resolve: (r) =>
          r.status === 'applied' ? resolve() : reject(new Error(`${label}: ${r.status}`)),
        receivedMs: performance.now(),
        internal: run,
      });
      this.#schedule();
    });
  }

  /**
   * Graceful shutdown: takes no new mutations from now on, and resolves once every mutation
   * already queued has committed (or failed) and been answered.
   */
  drain(): Promise<void> {
    this.#closing = true;
    if (!this.#running && !this.#scheduled && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /**
   * Starts the writer after the current turn of the event loop has read every event that was
   * waiting on any socket (setImmediate runs after the poll phase), so they share one
   * transaction and one push. Started at once instead, the synchronous SQLite driver would run
   * a whole transaction in the microtasks of the first socket's read, and every mutation would
   * commit — and push to every connected client — on its own.
   */
  #schedule(): void {
    if (this.#running || this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (!this.#running) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MAX_BATCH);
        let done: Done[];
        try {
          done = await this.#applyBatch(batch);
        } catch (err) {
          // The transaction itself failed (disk full, database locked): nothing of the batch is
          // stored or recorded. Each gets the retryable answer (a rejection would be final and
          // lose the sign-up); a retry of the same id is evaluated afresh, or, should the commit
          // have landed after all, answered with its recorded outcome.
          this.#internalFailures += batch.length;
          this.deps.logger.error(
            { err, size: batch.length, mutations: [...new Set(batch.map((j) => j.name))] },
            'mutation batch failed; clients will retry',
          );
          for (const job of batch) job.resolve(internalFailure());
          continue;
        }
        // One push per committed batch: its changes follow on from the head before the batch.
        const first = done.find((d) => d.changes.length > 0 || d.effects.length > 0);
        if (first) {
          const changes = done.flatMap((d) => d.changes);
          const effects = done.flatMap((d) => d.effects);
          const cursor = changes.reduce((max, c) => Math.max(max, c.seq), first.after);
          const receivedMs = Math.min(...batch.map((j) => j.receivedMs));
          this.deps.committed(first.after, cursor, changes, effects, receivedMs);
        }
        for (const d of done) d.job.resolve(d.outcome);
      }
    } finally {
      this.#running = false;
      if (this.#queue.length === 0) for (const idle of this.#idle.splice(0)) idle();
    }
  }

  async #applyBatch(batch: Job[]): Promise<Done[]> {
    const { store } = this.deps;
    const now = this.deps.now();
    return store.db.transaction().execute(async (trx) => {
      const start = await lockHead(trx);
      let head = start;
      const done: Done[] = [];
      // Written once per batch, after the loop: fewer statements per mutation, same transaction.
      const records: OutcomeRow[] = [];
      const logged: LoggedChange[] = [];
      // Outcomes decided earlier in this batch, which the database does not show yet.
      const seen = new Map<string, { who: string; outcome: MutateResult }>();
      // Wall consent changed earlier in this batch: the server's facts learn of it only after
      // commit, and a kiosk's sign-up queued behind a withdrawal must already see it.
      const consent = new Map<string, boolean>();
      for (const job of batch) {
        if (job.internal) {
          const d = await this.#applyOne(trx, job, head, now, consent);
          if (d.outcome.status === 'applied') head = d.outcome.cursor;
          logged.push(...d.changes);
          done.push(d);
          continue;
        }
        const inBatch = seen.get(job.id);
        // Inside the transaction, so a retry racing its first attempt still gets the first answer.
        const earlier = inBatch
          ? inBatch.who === job.who
            ? inBatch.outcome
            : rejected('invalid', 'This mutation id was used by another client.')
          : await this.#earlierOutcome(job.id, job.who, trx);
        if (earlier) {
          done.push({ job, outcome: earlier, after: head, changes: [], effects: [] });
          continue;
        }
        const d = await this.#applyOne(trx, job, head, now, consent);
        if (d.outcome.status === 'applied') head = d.outcome.cursor;
        for (const e of d.effects)
          if (e.kind === 'consent') consent.set(e.residentId, e.wallConsent === true);
        // A retryable answer is not an outcome: a repeat of the id is evaluated afresh.
        if (d.outcome.status !== 'retry') {
          seen.set(job.id, { who: job.who, outcome: d.outcome });
          records.push(recordOf(job, d.outcome, now));
        }
        logged.push(...d.changes);
        done.push(d);
      }
      if (head !== start) await appendToLog(trx, logged, head, now);
      for (let i = 0; i < records.length; i += 100)
        await trx
          .insertInto('processed_mutation')
          .values(records.slice(i, i + 100))
          .execute();
      return done;
    });
  }

  async #applyOne(
    trx: Transaction<Database>,
    job: Job,
    head: number,
    now: Date,
    consent: ReadonlyMap<string, boolean>,
  ): Promise<Done> {
    const effects: Effect[] = [];
    const w = new Writer(trx, head, now);
    const ctx: HandlerContext = {
      w,
      principal: job.principal,
      now,
      timeZone: this.deps.timeZone(),
      hasConsent: (residentId) => consent.get(residentId) ?? this.deps.hasConsent(residentId),
      effect: (e) => effects.push(e),
      newId: randomUUID,
      mediaKind: (hash) => this.deps.mediaKind?.(hash) ?? Promise.resolve(null),
    };
    await sql`savepoint mutation`.execute(trx);
    try {
      const res = job.internal
        ? await job.internal(w).then(() => undefined)
        : await this.#handler(job.name)(ctx, job.args as never);
      const changes = w.collect();
      const outcome: MutateResult = res?.result
        ? { status: 'applied', cursor: w.head, result: res.result }
        : { status: 'applied', cursor: w.head };
      if (!job.internal) {
        if (isStaff(job.principal)) await this.#audit(trx, job, now);
        await countUsage(trx, job.principal.role, job.name, now);
      }
      await sql`release savepoint mutation`.execute(trx);
      return { job, outcome, after: w.startHead, changes, effects };
    } catch (err) {
      await sql`rollback to savepoint mutation`.execute(trx);
      await sql`release savepoint mutation`.execute(trx);
      // PostgreSQL stores no U+0000 in text or jsonb (SQLite does): a final answer, not a retry
      // that could never succeed and would leave the mutation stuck in the client's outbox.
      if (unstorableText(err)) {
        const outcome = rejected('invalid', 'Text may not hold the character U+0000.');
        return { job, outcome, after: head, changes: [], effects: [] };
      }
      if (!(err instanceof Rejection)) {
        // A bug or a failure inside the server decided nothing about the resident's request:
        // never answer it finally. Not recorded, so the client's retry is evaluated afresh.
        // Logged without the args (they may hold a secret); the id finds the outbox entry.
        this.#internalFailures += 1;
        this.deps.logger.error(
          { err, mutation: job.name, id: job.id, who: job.who },
          'mutation failed inside the server; answered retry',
        );
        return { job, outcome: internalFailure(), after: head, changes: [], effects: [] };
      }
      // A rejection is final and answered the same to a retry, so it is recorded too.
      const outcome = rejected(err.code, err.message, err.reason, err.details);
      return { job, outcome, after: head, changes: [], effects: [] };
    }
  }

  #handler(name: MutationName): Handler<MutationName> {
    const handler = handlers[name] as Handler<MutationName>;
    return this.deps.wrapHandler ? this.deps.wrapHandler(name, handler) : handler;
  }

  async #earlierOutcome(
    id: string,
    who: string,
    db: Kysely<Database>,
  ): Promise<MutateResult | null> {
    const row = await db
      .selectFrom('processed_mutation')
      .select(['principal', 'outcome'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    if (row.principal !== who)
      return rejected('invalid', 'This mutation id was used by another client.');
    return JSON.parse(row.outcome) as MutateResult;
  }

  async #audit(db: Kysely<Database>, job: Job, now: Date): Promise<void> {
    // The record the mutation is about: its `id`, or the login or kiosk it names.
    const a = job.args as { id?: unknown; userId?: unknown; deviceId?: unknown };
    const entityId = a.id ?? a.userId ?? a.deviceId;
    await db
      .insertInto('audit')
      .values({
        at: now.toISOString(),
        actor: job.who,
        action: job.name,
        entity_type: job.name.split('.')[0] ?? null,
        entity_id: typeof entityId === 'string' ? entityId : null,
        // Secrets (a PIN) are written as "set" / "removed", never as their value.
        detail: JSON.stringify(redactArgs(job.name, job.args as Record<string, unknown>)).slice(
          0,
          2000,
        ),
      })
      .execute();
  }
}

/**
 * The principal a system mutation's handler sees: centre-wide rights like an admin's, as the
 * server acts for the centre. Its audit actor is the `system:` name, never a user's key.
 */
function systemPrincipal(actor: string): Principal {
  return { kind: 'user', id: actor, role: 'admin', name: actor, residentIds: [], sessionHash: '' };
}

/** PostgreSQL's refusal of U+0000 in text (22021) or in a jsonb string (22P05). */
function unstorableText(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '22021' || code === '22P05';
}

/** Forgets mutation ids older than the retention period (protocol: at least 30 days). */
export async function purgeProcessedMutations(
  store: Store,
  now: Date,
  days: number,
): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const res = await store.db
    .deleteFrom('processed_mutation')
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
