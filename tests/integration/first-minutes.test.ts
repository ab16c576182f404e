/**
 * The first ten minutes with the server's command line, as a new operator meets it: a taken
 * port, and a kiosk code that comes with the whole address, a QR code and its expiry in the
 * centre's own time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE } from '../../src/server/centre.js';
import { cliEnv } from '../helpers/cli.js';
import { openTestDb } from '../helpers/test-database.js';
import { freePort, spawnServer } from '../helpers/child-server.js';
import { serverCommand } from '../helpers/server-command.js';
import { freshDataDir } from '../helpers/test-server.js';

/** The CLI as an operator runs it, on a machine whose clock is in UTC. */
function cli(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [...serverCommand(), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...cliEnv(args), TZ: 'UTC' },
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

let dataDir: string;
beforeAll(() => {
  dataDir = freshDataDir();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a taken port', () => {
  let blocker: Server;
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('says which port is in use and how to choose another, without a stack trace', async () => {
    blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => {
        const a = blocker.address();
        resolve(typeof a === 'object' && a ? a.port : 0);
      }),
    );
    const r = cli('serve', '--port', String(port), '--data', dataDir);
    expect(r.status).toBe(2);
    expect(r.out).toContain(`port ${port} is in use; use --port N`);
    expect(r.out).not.toMatch(/EADDRINUSE|\n\s+at /);
  });
});

describe('enrol-code', () => {
  const expiryOf = async (deviceName: string): Promise<Date> => {
    const db = await openTestDb(dataDir);
    try {
      const row = await db
        .selectFrom('enrol_code')
        .innerJoin('device', 'device.id', 'enrol_code.device_id')
        .select('enrol_code.expires_at')
        .where('device.name', '=', deviceName)
        .executeTakeFirstOrThrow();
      return new Date(row.expires_at);
    } finally {
      await db.destroy();
    }
  };

  it('prints the whole kiosk address, a QR code of it, and the expiry in the centre’s time', async () => {
    const r = cli(
      'enrol-code',
      '--name',
      'Stuen',
      '--url',
      'https://guide.centre.lan',
      '--data',
      dataDir,
    );
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/https:\/\/guide\.centre\.lan\/kiosk\/#enrol=[A-Z0-9]{5}-[A-Z0-9]{5}/);
    // A QR code drawn with block characters: many rows of the same width.
    const rows = r.out.split('\n').filter((l) => /^[█▀▄ ]{21,}$/.test(l));
    expect(rows.length).toBeGreaterThan(10);
    const clock = new Intl.DateTimeFormat('en-GB', {
      timeZone: DEFAULT_TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
    }).format(await expiryOf('Stuen'));
    expect(r.out).toContain(`expires at ${clock}`);
    expect(r.out).toContain(DEFAULT_TIME_ZONE);
    expect(r.out).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  });

  it('uses the address the server last said it listens on when no --url is given', async () => {
    const port = await freePort();
    const server = await spawnServer(dataDir, port);
    // serve records the address right after its listening line; wait for that, not a time.
    await expect.poll(() => existsSync(join(dataDir, 'kiosk-address'))).toBe(true);
    await server.stop();
    const r = cli('enrol-code', '--name', 'Gangen', '--data', dataDir);
    expect(r.status).toBe(0);
    expect(r.out).toContain(`http://127.0.0.1:${port}/kiosk/#enrol=`);
  });

  it('refuses an address that is not http(s)', () => {
    for (const url of ['centre.lan', 'ftp://centre.lan', 'https://centre.lan/kiosk?x=1']) {
      const r = cli('enrol-code', '--name', 'X', '--url', url, '--data', dataDir);
      expect(r.status, url).toBe(2);
      expect(r.out, url).toMatch(/--url must be/);
    }
  });
});
