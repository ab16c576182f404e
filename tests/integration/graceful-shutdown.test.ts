/**
 * Graceful shutdown (issue 8 §4): SIGTERM to `serve` while mutations are in flight. Every
 * mutation is either answered and stored exactly once, or not answered and not stored (the kiosk
 * keeps it and sends it again); never answered and lost. The process exits 0.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createUser, login } from '../../src/server/auth/accounts.js';
import type { MutateResult } from '../../src/protocol/index.js';
import { openTestDb } from '../helpers/test-database.js';
import { freePort, killAllServers, spawnServer } from '../helpers/child-server.js';
import { connectSocket, freshDataDir, mutate, type SyncSocket } from '../helpers/test-server.js';

const dirs: string[] = [];
afterEach(async () => {
  await killAllServers();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function staffTokens(dataDir: string, n: number): Promise<string[]> {
  const db = await openTestDb(dataDir);
  try {
    await createUser(db, {
      username: 'staff',
      password: 'correct horse battery',
      displayName: 'Staff',
      role: 'staff',
    });
    const tokens: string[] = [];
    for (let i = 0; i < n; i++)
      tokens.push((await login(db, 'staff', 'correct horse battery')).token);
    return tokens;
  } finally {
    await db.destroy();
  }
}

/** Emits and resolves with the answer, or with null when the socket closes first. */
function send(socket: SyncSocket, id: string, groupId: string): Promise<MutateResult | null> {
  return new Promise((resolve) => {
    const closed = (): void => resolve(null);
    socket.once('disconnect', closed);
    socket.emit(
      'mutate',
      { id, name: 'group.put', args: { id: groupId, name: `Gruppe ${groupId}` } },
      (r: MutateResult) => {
        socket.off('disconnect', closed);
        resolve(r);
      },
    );
  });
}

describe('SIGTERM', () => {
  it('answers and stores the mutations in flight (or neither), closes, and exits 0', async () => {
    const dataDir = freshDataDir();
    dirs.push(dataDir);
    const tokens = await staffTokens(dataDir, 3);
    const port = await freePort();
    const child = await spawnServer(dataDir, port);
    const sockets = await Promise.all(tokens.map((tk) => connectSocket(child.url, tk)));
    // A warm-up, so the first of the burst below is not slowed by the first query's preparation.
    expect(await mutate(sockets[0]!, 'group.put', { id: 'g0', name: 'Gruppe 0' })).toMatchObject({
      status: 'applied',
    });

    const sent: { id: string; groupId: string; answer: Promise<MutateResult | null> }[] = [];
    for (let i = 0; i < 1500; i++) {
      const id = randomUUID();
      const groupId = `g-${i}`;
      sent.push({ id, groupId, answer: send(sockets[i % sockets.length]!, id, groupId) });
    }
    // The signal while the server is working through them: at the first answer.
    await Promise.race(sent.map((s) => s.answer));
    const exit = new Promise<number | null>((resolve) =>
      child.process.once('exit', (code) => resolve(code)),
    );
    child.process.kill('SIGTERM');
    expect(await exit).toBe(0);
    const answers = await Promise.all(sent.map((s) => s.answer));

    const db = await openTestDb(dataDir);
    try {
      const groups = new Set(
        (await db.selectFrom('group').select('id').execute()).map((r) => r.id),
      );
      const recorded = new Map(
        (await db.selectFrom('processed_mutation').select(['id', 'outcome']).execute()).map((r) => [
          r.id,
          JSON.parse(r.outcome) as MutateResult,
        ]),
      );
      let applied = 0;
      let unanswered = 0;
      sent.forEach((s, i) => {
        const answer = answers[i] ?? null;
        if (answer?.status === 'applied') {
          applied++;
          // Answered: stored, with the answer remembered for a retry (exactly once: one row).
          expect(groups.has(s.groupId), s.groupId).toBe(true);
          expect(recorded.get(s.id)).toEqual(answer);
        } else {
          // Not answered, or answered "send it again": not stored.
          if (answer === null) unanswered++;
          else expect(answer.status).toBe('retry');
          expect(groups.has(s.groupId), s.groupId).toBe(false);
          expect(recorded.has(s.id)).toBe(false);
        }
      });
      expect(applied).toBeGreaterThan(0);
      expect(applied + unanswered).toBeLessThanOrEqual(sent.length);
      expect(child.output()).toMatch(/shutting down/);
      expect(child.output()).toMatch(/server stopped/);
    } finally {
      await db.destroy();
    }
  });
});
