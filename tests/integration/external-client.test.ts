/**
 * The protocol document is enough to write a client in another language: a Python client written
 * only from src/protocol/README.md (tests/fixtures/external_client.py, on Debian's
 * python3-socketio) enrols two kiosks, syncs, signs a resident up and sees the live push.
 */
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEnrolCode } from '../../src/server/auth/accounts.js';
import { activity, seedResidents } from '../helpers/fixtures.js';
import { apply, startTestServer, type TestServer } from '../helpers/test-server.js';

const PYTHON = '/usr/bin/python3';
const APT_PACKAGES = 'python3-socketio python3-requests python3-websocket';
const CLIENT = fileURLToPath(new URL('../fixtures/external_client.py', import.meta.url));

interface Check {
  ok: boolean;
  detail: unknown;
}
interface Summary {
  ok: boolean;
  checks: Record<string, Check>;
  failed: string[];
  pages?: { A: number; B: number };
  signup_ack?: {
    status: string;
    cursor: number;
    result?: { signup: string; position: number | null };
  };
  push_b?: { after: number; cursor: number; cursor_before: number; action: string };
  error?: string;
  traceback?: string;
}

/** Fails (never skips) when the independent client's Python modules are missing. */
function requirePythonSocketIo(): void {
  const probe = spawnSync(PYTHON, ['-c', 'import socketio, engineio, requests, websocket'], {
    encoding: 'utf8',
  });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `${PYTHON} cannot import socketio/requests/websocket, which the independent protocol client needs. ` +
        `Install Debian's packages: apt-get update && apt-get install -y ${APT_PACKAGES}\n` +
        `(${probe.error?.message ?? probe.stderr.trim()})`,
    );
  }
}

function runClient(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      PYTHON,
      [CLIENT, ...args],
      { timeout: 60_000, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

describe('an independent client written from the protocol document', () => {
  it(
    'enrols, pulls, signs up and receives the push from another language',
    { timeout: 90_000 },
    async () => {
      requirePythonSocketIo();

      const staff = await t.staff();
      // r1 shows on the wall; r2 has no wall consent, so kiosks may neither see nor act for them.
      await seedResidents(staff, 2, (i) => i !== 2);
      await apply(staff, 'activity.put', activity('a1', { capacity: 3 }));
      const codeA = (await createEnrolCode(t.server.store.db, 'External kiosk A')).code;
      const codeB = (await createEnrolCode(t.server.store.db, 'External kiosk B')).code;

      const run = await runClient([
        t.url,
        codeA,
        codeB,
        'a1',
        'r1',
        '--limit',
        '2',
        '--hidden-resident',
        'r2',
      ]);
      const lastLine = run.stdout.trim().split('\n').pop() ?? '';
      let summary: Summary;
      try {
        summary = JSON.parse(lastLine) as Summary;
      } catch {
        throw new Error(
          `the client printed no JSON summary (exit ${run.code}).\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`,
        );
      }

      expect(summary.failed, JSON.stringify(summary, null, 2)).toEqual([]);
      expect(summary.error, summary.traceback).toBeUndefined();
      expect(summary.ok).toBe(true);
      expect(run.code, run.stderr).toBe(0);

      for (const name of [
        'enrol_a',
        'enrol_b',
        'enrol_code_used',
        'enrol_code_unknown',
        'connect_bad_token',
        'connect_wrong_protocol',
        'welcome_a',
        'welcome_b',
        'pull_a',
        'pull_b',
        'pull_limit_too_big_rejected',
        'hidden_resident_not_visible',
        'hidden_resident_forbidden',
        'signup_applied',
        'signup_retry_same_answer',
        'push_received_b',
        'push_after_equals_cursor',
        'push_cursor_equals_ack_cursor',
        'signup_in_cache_b',
        'push_received_a',
        'pull_after_push_empty',
        'malformed_id_rejected',
        'malformed_args_rejected',
        'unknown_mutation_rejected',
        'unknown_event_rejected',
        'wrong_role_rejected',
        'missing_payload_rejected',
        'extra_argument_rejected',
        'still_connected',
      ]) {
        expect(
          summary.checks[name]?.ok,
          `check ${name}: ${JSON.stringify(summary.checks[name])}`,
        ).toBe(true);
      }
      // Pagination really happened: three visible entities at two per page.
      expect(summary.pages?.A).toBeGreaterThan(1);
      expect(summary.signup_ack).toMatchObject({
        status: 'applied',
        result: { signup: 'confirmed', position: null },
      });
      expect(summary.push_b).toMatchObject({ action: 'applied' });
      expect(summary.push_b?.after).toBe(summary.push_b?.cursor_before);

      // The server holds exactly one sign-up: the retry and the rejected attempts wrote nothing.
      const rows = await t.server.store.db.selectFrom('signup').select(['id', 'data']).execute();
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]?.data ?? '{}')).toMatchObject({
        id: 'a1:r1',
        activityId: 'a1',
        residentId: 'r1',
        status: 'confirmed',
        source: 'kiosk',
      });
    },
  );
});
