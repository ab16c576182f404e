/**
 * The last invariant of a chaos run: every client's cache equals what a fresh full pull with the
 * same token gives now (DESIGN.md failure cases 14 and 17). A cache that still shows a resident
 * whose consent was withdrawn while the kiosk was away, or a sign-up the restored database no
 * longer has, fails here.
 */
import { entityTypes } from '../../src/domain/model.js';
import { connectSocket, pullAll } from '../helpers/test-server.js';
import type { ChaosClient } from './client.js';
import { canon } from './outcomes.js';

/** "resident 2, signup 5: resident r3, resident r9, signup a1:r3, …" */
function list(keys: string[]): string {
  const byType = new Map<string, number>();
  for (const k of keys)
    byType.set(k.split(' ')[0] ?? '', (byType.get(k.split(' ')[0] ?? '') ?? 0) + 1);
  const types = [...byType].map(([t, n]) => `${t} ${n}`).join(', ');
  const sample = keys.slice(0, 5).join(', ') + (keys.length > 5 ? ', …' : '');
  return `${types}: ${sample}`;
}

/** Compares each client's cache with a fresh pull; returns how many matched. */
export async function checkCaches(
  url: string,
  clients: readonly ChaosClient[],
  problems: string[],
): Promise<number> {
  let matched = 0;
  for (const client of clients) {
    const socket = await connectSocket(url, client.token);
    let fresh: Map<string, string>;
    try {
      const { changes } = await pullAll(socket);
      fresh = new Map();
      for (const c of changes) {
        const key = `${c.type} ${c.id}`;
        if (c.op === 'del') fresh.delete(key);
        else fresh.set(key, canon(c.data));
      }
    } finally {
      socket.disconnect();
    }
    const cached = new Map<string, string>();
    for (const type of entityTypes)
      for (const row of await client.db.cacheTable(type).toArray())
        cached.set(`${type} ${String(row.id)}`, canon(row));
    const extra = [...cached.keys()].filter((k) => !fresh.has(k)).sort();
    const missing = [...fresh.keys()].filter((k) => !cached.has(k)).sort();
    const differ = [...cached.keys()]
      .filter((k) => fresh.has(k) && fresh.get(k) !== cached.get(k))
      .sort();
    if (extra.length)
      problems.push(
        `${client.name}: the cache holds ${extra.length} record(s) a fresh pull does not: ${list(extra)}`,
      );
    if (missing.length)
      problems.push(
        `${client.name}: the cache lacks ${missing.length} record(s) a fresh pull has: ${list(missing)}`,
      );
    if (differ.length)
      problems.push(
        `${client.name}: ${differ.length} cached record(s) differ from a fresh pull: ${list(differ)}`,
      );
    if (!extra.length && !missing.length && !differ.length) matched += 1;
  }
  return matched;
}
