/**
 * The mutation pipeline: validate → deduplicate → authorise → apply the rule in one transaction
 * (entity writes, change-log append, the recorded outcome) → push only after commit.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  MutateRequest,
  isMutationName,
  mutationCatalogue,
  rejected,
  type MutateResult,
  type MutationName,
} from '../../protocol/index.js';
import { isStaff, principalKey, type Principal } from '../auth/principal.js';
import type { Logger } from '../logger.js';
import { lockHead, type Store } from '../store/store.js';
import { Writer, type LoggedChange } from '../store/writer.js';
import { Rejection, type Effect, type Handler, type HandlerContext } from './handler.js';
import { handlers } from './handlers/index.js';

export interface MutationServiceDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
  timeZone: () => string;
  hasConsent: (residentId: string) => boolean;
  /** Called after commit with the committed changes, in commit order. */
  committed: (after: number, cursor: number, changes: LoggedChange[], effects: Effect[]) => void;
}

function describeZodError(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`)
    .join('; ');
}

export class MutationService {
  constructor(private readonly deps: MutationServiceDeps) {}

  async mutate(principal: Principal, raw: unknown): Promise<MutateResult> {
    const envelope = MutateRequest.safeParse(raw);
    if (!envelope.success) return rejected('invalid', `Malformed mutation: ${describeZodError(envelope.error)}`);
    const { id, name, args } = envelope.data;
    if (!isMutationName(name)) return rejected('invalid', `Unknown mutation "${name}".`);
    const def = mutationCatalogue[name];
    if (!def.roles.includes(principal.role)) {
      return rejected('forbidden', `A ${principal.role} may not send ${name}.`);
    }
    const parsed = def.args.safeParse(args);
    if (!parsed.success) return rejected('invalid', `${name}: ${describeZodError(parsed.error)}`);

    const who = principalKey(principal);
    const earlier = await this.#earlierOutcome(id, who);
    if (earlier) return earlier;

    const { store, logger } = this.deps;
    const now = this.deps.now();
    const effects: Effect[] = [];
    try {
      const done = await store.db.transaction().execute(async (trx) => {
        // Checked again inside the transaction: a retry may have raced the first attempt.
        const raced = await this.#earlierOutcome(id, who, trx);
        if (raced) return { outcome: raced, after: 0, changes: [] as LoggedChange[] };
        const w = new Writer(trx, await lockHead(trx, store.dialect), now);
        const ctx: HandlerContext = {
          w,
          principal,
          now,
          timeZone: this.deps.timeZone(),
          hasConsent: this.deps.hasConsent,
          effect: (e) => effects.push(e),
          newId: randomUUID,
        };
        const handler = handlers[name] as Handler<MutationName>;
        const res = await handler(ctx, parsed.data);
        const changes = await w.flush();
        const outcome: MutateResult = res?.result
          ? { status: 'applied', cursor: w.head, result: res.result }
          : { status: 'applied', cursor: w.head };
        await this.#record(trx, id, who, name, outcome, now);
        if (isStaff(principal)) {
          await trx
            .insertInto('audit')
            .values({
              at: now.toISOString(),
              actor: who,
              action: name,
              entity_type: name.split('.')[0] ?? null,
              entity_id: typeof (parsed.data as { id?: unknown }).id === 'string' ? (parsed.data as { id: string }).id : null,
              detail: JSON.stringify(parsed.data).slice(0, 2000),
            })
            .execute();
        }
        return { outcome, after: w.startHead, changes };
      });
      if (done.changes.length > 0 || effects.length > 0) {
        this.deps.committed(done.after, done.outcome.status === 'applied' ? done.outcome.cursor : done.after, done.changes, effects);
      }
      return done.outcome;
    } catch (err) {
      if (!(err instanceof Rejection)) {
        logger.error({ err, mutation: name, id }, 'mutation failed');
        // Not recorded: the client retries, and the retry is evaluated afresh.
        return rejected('invalid', 'The server could not apply this mutation.');
      }
      const outcome = rejected(err.code, err.message, err.reason);
      // A rejection is final and answered the same to a retry, so it is recorded too.
      await store.db
        .transaction()
        .execute(async (trx) => {
          if (!(await this.#earlierOutcome(id, who, trx))) await this.#record(trx, id, who, name, outcome, now);
        })
        .catch((e: unknown) => logger.warn({ err: e, id }, 'could not record a rejection'));
      return outcome;
    }
  }

  async #earlierOutcome(id: string, who: string, db = this.deps.store.db): Promise<MutateResult | null> {
    const row = await db
      .selectFrom('processed_mutation')
      .select(['principal', 'outcome'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    if (row.principal !== who) return rejected('invalid', 'This mutation id was used by another client.');
    return JSON.parse(row.outcome) as MutateResult;
  }

  async #record(
    db: typeof this.deps.store.db,
    id: string,
    who: string,
    name: string,
    outcome: MutateResult,
    now: Date,
  ): Promise<void> {
    await db
      .insertInto('processed_mutation')
      .values({ id, principal: who, name, outcome: JSON.stringify(outcome), created_at: now.toISOString() })
      .execute();
  }
}

/** Forgets mutation ids older than the retention period (protocol: at least 30 days). */
export async function purgeProcessedMutations(store: Store, now: Date, days: number): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const res = await store.db.deleteFrom('processed_mutation').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(res.numDeletedRows);
}
