import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb } from '../helpers/test-database.js';
import { cli } from '../helpers/cli.js';
import { freshDataDir } from '../helpers/test-server.js';

let dataDir: string;
beforeEach(() => {
  dataDir = freshDataDir();
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the server command line', () => {
  it('prints a one-time enrolment code for a named kiosk', () => {
    const r = cli('enrol-code', '--name', 'Fælles stuen', '--data', dataDir);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/Enrolment code for "Fælles stuen": [A-Z0-9]{5}-[A-Z0-9]{5}/);
    expect(r.out).toMatch(/expires at .* \(10 minutes\)/);
  });

  it('places a kiosk in houses, so it shows what is for everyone and for them', async () => {
    const r = cli('enrol-code', '--name', 'Hus A', '--groups', 'hus-a, hus-b', '--data', dataDir);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/for everyone and for: hus-a, hus-b/);
    const db = await openTestDb(dataDir);
    const row = await db.selectFrom('device').select('group_ids').executeTakeFirstOrThrow();
    await db.destroy();
    expect(JSON.parse(row.group_ids)).toEqual(['hus-a', 'hus-b']);
  });

  it('creates a relative only with residents, and refuses a taken username', () => {
    const missing = cli(
      'create-user',
      '--role',
      'relative',
      '--username',
      'mor',
      '--password',
      'hemmeligt1',
      '--data',
      dataDir,
    );
    expect(missing.status).toBe(2);
    expect(missing.out).toMatch(/relative needs --residents/);
    const ok = cli(
      'create-user',
      '--role',
      'staff',
      '--username',
      'mette',
      '--password',
      'hemmeligt1',
      '--data',
      dataDir,
    );
    expect(ok.status).toBe(0);
    expect(ok.out).toMatch(/Created staff "mette"/);
    const again = cli(
      'create-user',
      '--role',
      'staff',
      '--username',
      'mette',
      '--password',
      'hemmeligt1',
      '--data',
      dataDir,
    );
    expect(again.status).toBe(2);
    expect(again.out).toMatch(/"mette" is taken/);
  });

  it('explains bad input with the usage and exit code 2', () => {
    expect(cli('enrol-code', '--data', dataDir)).toMatchObject({
      status: 2,
      out: expect.stringMatching(/needs --name/) as unknown,
    });
    expect(cli('create-user', '--role', 'boss', '--data', dataDir).out).toMatch(
      /--role staff, admin or relative/,
    );
    expect(
      cli(
        'create-user',
        '--role',
        'staff',
        '--username',
        'x y',
        '--password',
        'hemmeligt1',
        '--data',
        dataDir,
      ).status,
    ).toBe(2);
    expect(cli('serve', '--port', 'abc', '--data', dataDir)).toMatchObject({ status: 2 });
    expect(cli('serve', '--nonsense')).toMatchObject({ status: 2 });
    expect(cli('frobnicate')).toMatchObject({
      status: 2,
      out: expect.stringMatching(/enrol-code --name NAME/) as unknown,
    });
    expect(cli('revoke-device', '--id', 'nope', '--data', dataDir)).toMatchObject({
      status: 1,
      out: expect.stringMatching(/No kiosk with id nope/) as unknown,
    });
  });
});
