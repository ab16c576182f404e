/**
 * `npm run server -- <command> [options]`; every command takes `--data DIR` (default ./data).
 *
 *   serve [--port 8080] [--host 127.0.0.1] [--data DIR] [--demo]
 *   enrol-code --name NAME [--location TEXT] [--groups g1,g2]
 *   create-user --role staff|admin|relative --username U --password P [--name NAME] [--residents id,id]
 *   revoke-device --id DEVICE_ID
 *   backup --to FILE
 *   restore --from FILE   (with the server stopped)
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  AccountError,
  createEnrolCode,
  createUser,
  revokeDevice,
  setPassword,
} from './auth/accounts.js';
import { DEMO_PIN_RESIDENT, seedDemo } from './demo/seed.js';
import { startServer } from './index.js';
import { createLogger } from './logger.js';
import { backupDatabase, BackupError, restoreDatabase } from './store/backup.js';
import { openSqlite } from './store/sqlite.js';
import { setDeviceGroups } from './store/secrets.js';

const out = (line: string): void => {
  process.stdout.write(line + '\n');
};

const USAGE = `Citizen Guide centre server

  npm run server -- serve [--port 8080] [--host 127.0.0.1] [--data DIR] [--demo]
  npm run server -- enrol-code --name NAME [--location TEXT] [--groups g1,g2] [--data DIR]
  npm run server -- create-user --role staff|admin|relative --username U --password P
                                [--name "Display Name"] [--residents id1,id2] [--data DIR]
  npm run server -- revoke-device --id DEVICE_ID [--data DIR]
  npm run server -- backup --to FILE [--data DIR]      (safe while the server runs)
  npm run server -- restore --from FILE [--data DIR]   (stop the server first)

--data DIR is where the database lives (default ./data).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      data: { type: 'string', default: './data' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      demo: { type: 'boolean', default: false },
      name: { type: 'string' },
      location: { type: 'string', default: '' },
      role: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      residents: { type: 'string', default: '' },
      groups: { type: 'string', default: '' },
      id: { type: 'string' },
      to: { type: 'string' },
      from: { type: 'string' },
    },
    strict: true,
  });
  const dataDir = values.data;

  switch (command) {
    case 'serve': {
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new AccountError('invalid', `--port must be 0–65535, not "${values.port}".`);
      // Seed before the server starts: it reads wall consent and the centre once, at start.
      let seeded = false;
      if (values.demo) {
        const db = await openSqlite(dataDir);
        seeded = await seedDemo(db, new Date(), { dataDir });
        await db.destroy();
      }
      const server = await startServer({
        dataDir,
        port,
        host: values.host,
        logger: createLogger(),
      });
      if (values.demo) await runDemo(server.url, dataDir, server.store.db, seeded);
      const stop = (): void => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1; // keep running
    }
    case 'enrol-code': {
      if (!values.name)
        throw new AccountError(
          'invalid',
          'enrol-code needs --name NAME (the kiosk, e.g. "Fælles stuen").',
        );
      const db = await openSqlite(dataDir);
      const { code, expiresAt, deviceId } = await createEnrolCode(db, values.name, values.location);
      // A kiosk in some houses shows only what is for everyone or for them (audience rule).
      const groups = values.groups
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean);
      if (groups.length > 0) await setDeviceGroups(db, deviceId, groups);
      await db.destroy();
      out(`Enrolment code for "${values.name}": ${code}`);
      if (groups.length > 0)
        out(`It shows news and activities for everyone and for: ${groups.join(', ')}`);
      out(`It works once and expires at ${expiresAt} (10 minutes). Device id: ${deviceId}`);
      return 0;
    }
    case 'create-user': {
      const role = values.role;
      if (role !== 'staff' && role !== 'admin' && role !== 'relative') {
        throw new AccountError('invalid', 'create-user needs --role staff, admin or relative.');
      }
      if (!values.username || !values.password)
        throw new AccountError('invalid', 'create-user needs --username and --password.');
      const residentIds = values.residents
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (role === 'relative' && residentIds.length === 0) {
        throw new AccountError(
          'invalid',
          'A relative needs --residents with the ids of their residents.',
        );
      }
      const db = await openSqlite(dataDir);
      try {
        const id = await createUser(db, {
          username: values.username,
          password: values.password,
          displayName: values.name ?? values.username,
          role,
          residentIds,
        });
        out(`Created ${role} "${values.username}" (id ${id}).`);
      } finally {
        await db.destroy();
      }
      return 0;
    }
    case 'revoke-device': {
      if (!values.id) throw new AccountError('invalid', 'revoke-device needs --id DEVICE_ID.');
      const db = await openSqlite(dataDir);
      const ok = await revokeDevice(db, values.id);
      await db.destroy();
      out(
        ok
          ? `Revoked kiosk ${values.id}; a running server disconnects it within a second.`
          : `No kiosk with id ${values.id}.`,
      );
      return ok ? 0 : 1;
    }
    case 'backup': {
      if (!values.to) throw new BackupError('backup needs --to FILE (where to write the copy).');
      const info = await backupDatabase(dataDir, values.to);
      out(
        `Backed up ${dataDir} to ${info.file} (${info.bytes} bytes, change log at ${info.head}).`,
      );
      return 0;
    }
    case 'restore': {
      if (!values.from) throw new BackupError('restore needs --from FILE (a backup file).');
      const r = await restoreDatabase(dataDir, values.from);
      out(`Restored ${dataDir} from ${values.from} (change log at ${r.head}).`);
      out(`New database identity ${r.identity}: every kiosk will drop its cache and sync again.`);
      if (r.previous) out(`The database it replaced is kept as ${r.previous}.`);
      return 0;
    }
    default:
      out(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

async function runDemo(
  url: string,
  dataDir: string,
  db: Awaited<ReturnType<typeof openSqlite>>,
  seeded: boolean,
): Promise<void> {
  const password = randomBytes(6).toString('base64url');
  try {
    await createUser(db, {
      username: 'admin',
      password,
      displayName: 'Administrator',
      role: 'admin',
    });
  } catch (err) {
    if (!(err instanceof AccountError && err.code === 'exists')) throw err;
    await setPassword(db, 'admin', password);
  }
  // The browser kiosk enrols through the real flow: a one-time code in the page address.
  const { code } = await createEnrolCode(db, 'Demo kiosk', 'Fælles stuen');
  const kioskUrl = `${url}/kiosk/#enrol=${code}`;
  out('');
  out(`Citizen Guide demo centre ${seeded ? 'created' : 'reopened'} in ${dataDir}`);
  out(`  Admin login:  admin / ${password}   (a new password each demo start)`);
  out(`  Kiosk page:   ${kioskUrl}`);
  out(`                (the one-time enrolment code ${code} is valid for 10 minutes)`);
  out(
    `  Resident PIN: ${DEMO_PIN_RESIDENT.name} has the PIN ${DEMO_PIN_RESIDENT.pin} (tap his photo to try it)`,
  );
  if (!existsSync('dist/ui/index.html'))
    out('  The kiosk UI is not built: run `npm run build:ui` first.');
  out('  No Electron runtime is used by the demo: open the kiosk page above in a browser.');
  out('');
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (
      err instanceof AccountError ||
      err instanceof BackupError ||
      (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      process.stderr.write(`Error: ${err.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
