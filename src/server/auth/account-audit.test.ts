import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb } from '../../../tests/helpers/test-database.js';
import { LoginRefusals } from './account-audit.js';

let dir: string;
let db: Awaited<ReturnType<typeof openTestDb>>;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-audit-'));
  db = await openTestDb(dir);
});
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const rows = () => db.selectFrom('audit').select(['actor', 'action', 'detail']).execute();

describe('audited login refusals', () => {
  it('writes one row per address and reason per window, however many refusals', async () => {
    const refusals = new LoginRefusals(db, 60_000);
    const t0 = Date.parse('2027-01-01T10:00:00Z');
    for (let i = 0; i < 500; i++)
      await refusals.refused(new Date(t0 + i), '198.51.100.7', 'rate_limited');
    await refusals.refused(new Date(t0), '198.51.100.8', 'rate_limited');
    await refusals.refused(new Date(t0), '198.51.100.7', 'busy');
    expect(await rows()).toHaveLength(3);
    expect(await refusals.refused(new Date(t0 + 60_000), '198.51.100.7', 'rate_limited')).toBe(
      true,
    );
    expect((await rows())[0]).toEqual({
      actor: 'anonymous',
      action: 'login.refused',
      detail: '{"reason":"rate_limited","from":"198.51.100.7"}',
    });
  });
});
