/**
 * The first invariant of a chaos run: every mutation id a client made has exactly one final
 * outcome, the server's record agrees with it, and every retry got the first answer.
 *
 * What a restore means here: the backup holds the outcomes of everything answered before it
 * began; those must survive, unchanged. Mutations answered after the backup and before the restore
 * are legitimately gone from the server (the client must not go on showing them: the cache check
 * proves that). A mutation still unanswered at the restore is sent again to the restored server
 * and evaluated afresh, so its answer may differ from one the old server gave and lost.
 */
import type { ChaosClient, Received } from './client.js';
import type { BackupSnapshot } from './server-control.js';

export interface OutcomeFacts {
  clients: readonly ChaosClient[];
  /** The final database's processed_mutation: id → outcome JSON. */
  outcomes: ReadonlyMap<string, string>;
  backup: BackupSnapshot | null;
  /** The epoch the run ended in (0 without a restore). */
  epoch: number;
}

export interface OutcomeCounts {
  /** Answered by the old server after the backup, legitimately gone with the restore. */
  lostWithRestore: number;
  /** Ids sent more than once. */
  retried: number;
}

/** JSON with keys in a fixed order, so equal answers compare equal as text. */
export function canon(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

const short = (json: string): string => (json.length > 160 ? `${json.slice(0, 160)}…` : json);

export function checkOutcomes(facts: OutcomeFacts, problems: string[]): OutcomeCounts {
  const counts: OutcomeCounts = { lostWithRestore: 0, retried: 0 };
  const backup = facts.backup;
  const inBackup = (id: string): string | undefined => {
    const o = backup?.outcomes.get(id);
    return o === undefined ? undefined : canon(JSON.parse(o));
  };
  for (const client of facts.clients) {
    for (const [id, made] of client.made) {
      const what = `${client.name}: ${made.name} ${id}`;
      if ((client.sends.get(id) ?? 0) > 1) counts.retried += 1;
      const stored = facts.outcomes.get(id);
      const db = stored === undefined ? undefined : canon(JSON.parse(stored));
      const backedUp = inBackup(id);
      const final = client.finals.get(id);
      const wire = client.wire.get(id) ?? [];

      // Retries got the first answer: within one database epoch every answer is the same.
      const byEpoch = new Map<number, Set<string>>();
      for (const w of wire) {
        const set = byEpoch.get(w.epoch) ?? new Set<string>();
        set.add(canon(w.answer));
        byEpoch.set(w.epoch, set);
      }
      for (const [epoch, answers] of byEpoch)
        if (answers.size > 1)
          problems.push(
            `${what} got different answers to the same id (epoch ${epoch}): ${[...answers].map(short).join(' then ')}`,
          );

      if (!final) {
        problems.push(
          `${what} never got a final answer: still in the outbox after the run settled`,
        );
        continue;
      }
      const finalText = canon(final.answer);
      if (backedUp !== undefined) {
        // Answered before or during the backup: it must have survived the restore unchanged.
        if (db === undefined)
          problems.push(`${what} is in the backup but its outcome is gone from the database`);
        else if (db !== backedUp)
          problems.push(
            `${what}: the backup says ${short(backedUp)}, the database now ${short(db)}`,
          );
        for (const w of wire)
          if (canon(w.answer) !== backedUp)
            problems.push(
              `${what} was answered ${short(canon(w.answer))}, the backup holds ${short(backedUp)}`,
            );
      }
      if (db !== undefined) {
        if (finalText !== db)
          problems.push(
            `${what}: the client was told ${short(finalText)}, the database holds ${short(db)}`,
          );
        for (const w of wire)
          if (w.epoch === facts.epoch && canon(w.answer) !== db)
            problems.push(
              `${what}: a retry was answered ${short(canon(w.answer))}, the database holds ${short(db)}`,
            );
        continue;
      }
      // No outcome in the database.
      if (legitimatelyLost(final, backup, facts.epoch)) {
        counts.lostWithRestore += 1;
        continue;
      }
      if (backup && final.epoch < facts.epoch && final.at < backup.startedAt)
        problems.push(
          `${what} was answered before the backup began, yet the backup does not hold it`,
        );
      else
        problems.push(
          `${what} was told ${short(finalText)} as a final answer, but the server kept no outcome for it (a failure reported as final, or an acknowledged mutation lost)`,
        );
    }
  }
  return counts;
}

/** Answered by the server that was later replaced by the backup, after the backup began. */
function legitimatelyLost(final: Received, backup: BackupSnapshot | null, epoch: number): boolean {
  return backup !== null && final.epoch < epoch && final.at >= backup.startedAt;
}
