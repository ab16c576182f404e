/**
 * What the server sends is remote data: it enters the cache only after it was parsed with the
 * entity's schema, so a newer or buggy server (or a proxy) can never write a row the screens
 * cannot render. Top-level fields this client does not know are dropped (a newer server may add
 * some); anything else that fails the schema is refused, counted and logged, and the cache keeps
 * what it had.
 */
import type { ZodType } from 'zod';
import { entitySchemas, entityTypes, type EntityType } from '../domain/model.js';
import type { Change } from '../protocol/index.js';

const lenient = new Map<EntityType, ZodType>();

function schemaOf(type: EntityType): ZodType {
  let s = lenient.get(type);
  if (!s) {
    s = entitySchemas[type].strip();
    lenient.set(type, s);
  }
  return s;
}

export const isEntityType = (t: unknown): t is EntityType =>
  typeof t === 'string' && (entityTypes as string[]).includes(t);

export interface RefusedChange {
  type: string;
  id: string;
  /** The first problems zod found, for the log. */
  problem: string;
}

/** The record of a put as this client's schema reads it, or why it is refused. */
export function parseRemote(
  change: Change,
): { ok: true; record: Record<string, unknown> } | { ok: false; refused: RefusedChange } {
  const parsed = schemaOf(change.type).safeParse({ ...change.data, id: change.id });
  if (parsed.success) return { ok: true, record: parsed.data as Record<string, unknown> };
  const problem = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
    .join('; ');
  return { ok: false, refused: { type: change.type, id: change.id, problem } };
}
