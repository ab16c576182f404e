/**
 * `npm run server -- <command> [options]`; every command takes `--data DIR` (default ./data).
 *
 *   serve [--port 8080] [--host 127.0.0.1] [--url URL] [--data DIR] [--demo]
 *         [--tls-cert FILE --tls-key FILE] [--trust-proxy ADDRS]
 *   enrol-code --name NAME [--location TEXT] [--groups g1,g2] [--url URL]
 *   create-user --role staff|admin|relative --username U [--name NAME] [--residents id,id]
 *   disable-user | enable-user | reset-password | revoke-sessions --username U
 *   migrate
 *   revoke-device --id DEVICE_ID
 *   backup --to FILE
 *   restore --from FILE   (with the server stopped)
 *   export-centre --to DIR | import-centre --from DIR   (moving a centre: transfer/)
 *   serve-municipal | municipal-admin | create-centre | import-centre --centre S
 *         (many centres on one PostgreSQL deployment: municipal/municipal-command.ts)
 */
import { parseArgs } from 'node:util';
import { AccountError, createEnrolCode, revokeDevice } from './auth/accounts.js';
import { Centre } from '../domain/model.js';
import { DEFAULT_TIME_ZONE } from './centre.js';
import { TlsSettingError } from './http/transport-security.js';
import {
  AddressError,
  centreTime,
  enrolLines,
  parseOrigin,
  readKioskAddress,
} from './ops/kiosk-address.js';
import { runAccountCommand } from './ops/account-commands.js';
import { migrateCommand } from './ops/migrate-command.js';
import { backupDatabase, BackupError, restoreDatabase } from './store/backup.js';
import { databaseUrlFromEnv, openConfiguredDb } from './store/open-store.js';
import { StoreOpenError } from './store/postgres.js';
import { setDeviceGroups } from './store/secrets.js';
import { exportCentre } from './transfer/export-centre.js';
import { TransferError } from './transfer/format.js';
import { importCentre } from './transfer/import-centre.js';
import type { ServeValues } from './ops/serve-command.js';

// `serve` loads the whole server; the other commands do not need it (ops/serve-command.ts).
const serveCommand = async (values: ServeValues, out: (line: string) => void): Promise<number> =>
  (await import('./ops/serve-command.js')).serveCommand(values, out);

const out = (line: string): void => {
  process.stdout.write(line + '\n');
};

const USAGE = `Citizen Guide centre server

  npm run server -- serve [--port 8080] [--host 127.0.0.1] [--url URL] [--data DIR] [--demo]
  npm run server -- enrol-code --name NAME [--location TEXT] [--groups g1,g2] [--url URL]
                               [--data DIR]
  npm run server -- create-user --role staff|admin|relative --username U
                                [--name "Display Name"] [--residents id1,id2] [--data DIR]
  npm run server -- disable-user --username U [--data DIR]   (also ends their sessions)
  npm run server -- enable-user --username U [--data DIR]
  npm run server -- reset-password --username U [--data DIR]
  npm run server -- revoke-sessions --username U [--data DIR]   (logs them out everywhere)
  npm run server -- migrate [--data DIR]   (what serve does at start; says what it applied)
  npm run server -- revoke-device --id DEVICE_ID [--data DIR]
  npm run server -- backup --to FILE [--data DIR]      (safe while the server runs)
  npm run server -- restore --from FILE [--data DIR]   (stop the server first)
  npm run server -- export-centre --to DIR [--data DIR]   (the whole centre, media included;
                                                          safe while the server runs)
  npm run server -- import-centre --from DIR [--data DIR] (into a new, empty database)

Many centres on one PostgreSQL deployment (DATABASE_URL required; README "Many centres"):
  npm run server -- serve-municipal --base-domain D [--port 8080] [--host 127.0.0.1] [--data DIR]
                   [--public-scheme https] [--public-port 443] [--trust-proxy ADDRS]
                   (the municipal admin at D, each centre at <slug>.D)
  npm run server -- municipal-admin --username U   (a municipal admin: creates centres)
  npm run server -- create-centre --slug S --name N [--time-zone Z] --username U
                   [--admin-name NAME]   (the centre and its first admin)
  npm run server -- import-centre --from DIR --centre S [--data DIR]   (an export, as centre S)

--data DIR is where the database lives (default ./data). --port N picks another port.
DATABASE_URL=postgres://… in the environment: the database is PostgreSQL there instead
(media and the speech cache stay in --data).
--host 0.0.0.0 serves the other machines on the network. --url is the address kiosks open
(default: what serve last listened on, e.g. http://192.168.1.20:8080).
A built install runs the same commands as \`node dist/server/cli.js <command>\`.
Passwords are asked for at the prompt (not shown), or read from standard input when piped.
serve also takes --metrics-token TOKEN (or env CITIZEN_GUIDE_METRICS_TOKEN; without it
/metrics answers only this machine) and --audit-days N (default 730).
Env CITIZEN_GUIDE_NODE_ID names this node in /metrics (the node label; default host name:port).
Behind a reverse proxy, serve --trust-proxy loopback (or the proxy's address) makes login limits
and logs see the real client (X-Forwarded-For); without it the proxy's address counts.
serve --tls-cert FILE --tls-key FILE (or env CITIZEN_GUIDE_TLS_CERT, CITIZEN_GUIDE_TLS_KEY)
serves HTTPS with that certificate and key (PEM): kiosks on other machines need HTTPS to keep
working offline.`;

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
      url: { type: 'string' },
      'metrics-token': { type: 'string' },
      'trust-proxy': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'audit-days': { type: 'string' },
      // A municipal deployment's commands (municipal/municipal-command.ts).
      'base-domain': { type: 'string' },
      'public-scheme': { type: 'string' },
      'public-port': { type: 'string' },
      slug: { type: 'string' },
      'time-zone': { type: 'string' },
      'admin-name': { type: 'string' },
      centre: { type: 'string' },
    },
    strict: true,
  });
  const dataDir = values.data;

  // Many centres on one PostgreSQL deployment; `import-centre --centre S` imports into one.
  if (
    command === 'serve-municipal' ||
    command === 'municipal-admin' ||
    command === 'create-centre' ||
    (command === 'import-centre' && values.centre !== undefined)
  )
    return (await import('./municipal/municipal-command.js')).runMunicipalCommand(
      command,
      values,
      out,
    );
  switch (command) {
    case 'serve':
      return serveCommand(values, out);
    case 'enrol-code': {
      if (!values.name)
        throw new AccountError(
          'invalid',
          'enrol-code needs --name NAME (the kiosk, e.g. "Fælles stuen").',
        );
      const db = await openConfiguredDb(dataDir);
      const origin =
        values.url === undefined
          ? (readKioskAddress(dataDir) ?? 'http://127.0.0.1:8080')
          : parseOrigin(values.url);
      const { code, expiresAt, deviceId } = await createEnrolCode(db, values.name, values.location);
      const timeZone = await centreTimeZone(db);
      // A kiosk in some houses shows only what is for everyone or for them (audience rule).
      const groups = values.groups
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean);
      if (groups.length > 0) await setDeviceGroups(db, deviceId, groups);
      await db.destroy();
      out(`Enrolment code for "${values.name}": ${code}`);
      out('Open this address on the kiosk, or scan the code with a tablet:');
      out('');
      for (const line of enrolLines(origin, code)) out(`  ${line}`);
      out('');
      out(`Or open ${origin}/kiosk/ on the kiosk and type the code ${code}.`);
      if (groups.length > 0)
        out(`It shows news and activities for everyone and for: ${groups.join(', ')}`);
      out(
        `It works once and expires at ${centreTime(new Date(expiresAt), timeZone)} (10 minutes). Device id: ${deviceId}`,
      );
      return 0;
    }
    case 'create-user':
    case 'disable-user':
    case 'enable-user':
    case 'reset-password':
    case 'revoke-sessions':
      return runAccountCommand(command, values, {
        out,
        warn: (line) => process.stderr.write(`${line}\n`),
      });
    case 'migrate':
      return migrateCommand(dataDir, out);
    case 'revoke-device': {
      if (!values.id) throw new AccountError('invalid', 'revoke-device needs --id DEVICE_ID.');
      const db = await openConfiguredDb(dataDir);
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
      if (databaseUrlFromEnv()) throw new BackupError(ON_POSTGRES_BACKUP);
      if (!values.to) throw new BackupError('backup needs --to FILE (where to write the copy).');
      const info = await backupDatabase(dataDir, values.to);
      out(
        `Backed up ${dataDir} to ${info.file} (${info.bytes} bytes, change log at ${info.head}).`,
      );
      return 0;
    }
    case 'restore': {
      if (databaseUrlFromEnv()) throw new BackupError(ON_POSTGRES_BACKUP);
      if (!values.from) throw new BackupError('restore needs --from FILE (a backup file).');
      const r = await restoreDatabase(dataDir, values.from);
      out(`Restored ${dataDir} from ${values.from} (change log at ${r.head}).`);
      out(`New database identity ${r.identity}: every kiosk will drop its cache and sync again.`);
      if (r.previous) out(`The database it replaced is kept as ${r.previous}.`);
      return 0;
    }
    case 'export-centre': {
      if (!values.to)
        throw new TransferError('export-centre needs --to DIR (a new folder for the export).');
      const db = await openConfiguredDb(dataDir);
      try {
        const { dir, manifest } = await exportCentre(db, dataDir, values.to);
        const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
        out(
          `Exported ${manifest.centre?.name ?? 'the centre'} to ${dir}: ${rows} rows in ${Object.keys(manifest.tables).length} tables, ${manifest.media.length} media files, change log at ${manifest.head}.`,
        );
        out(
          "It holds residents' data: keep it as safe as the database, and delete it after the move.",
        );
      } finally {
        await db.destroy();
      }
      return 0;
    }
    case 'import-centre': {
      if (!values.from)
        throw new TransferError('import-centre needs --from DIR (a folder export-centre wrote).');
      const db = await openConfiguredDb(dataDir);
      try {
        const r = await importCentre(db, dataDir, values.from);
        out(
          `Imported ${r.centre?.name ?? 'the centre'}: ${r.rows} rows, ${r.media} media files, change log at ${r.head}.`,
        );
        out(
          `New database identity ${r.identity}: kiosks keep their enrolment and sync again from the start once.`,
        );
        out('Point the kiosks at this server (their kiosk-config serverUrl, or move the name).');
      } finally {
        await db.destroy();
      }
      return 0;
    }
    default:
      out(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

/** backup and restore copy the SQLite file; PostgreSQL has its own tools for it. */
const ON_POSTGRES_BACKUP =
  'backup and restore copy the SQLite file; with DATABASE_URL (PostgreSQL) use pg_dump and pg_restore (README).';

/** The centre's time zone, for times an operator reads (default: the demo's and Denmark's). */
async function centreTimeZone(db: Awaited<ReturnType<typeof openConfiguredDb>>): Promise<string> {
  const row = await db.selectFrom('centre').select('data').executeTakeFirst();
  return row ? Centre.parse(JSON.parse(row.data)).timeZone : DEFAULT_TIME_ZONE;
}

/** A port another program holds: the one thing a new user most often meets at start. */
const portInUse = (err: unknown): number | null =>
  err instanceof Error && 'code' in err && err.code === 'EADDRINUSE'
    ? Number((err as { port?: unknown }).port ?? NaN)
    : null;

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    const taken = portInUse(err);
    if (taken !== null) {
      process.stderr.write(
        `Error: port ${Number.isNaN(taken) ? '' : taken} is in use; use --port N (another program, or a Citizen Guide already running, listens there).\n`,
      );
      process.exit(2);
    }
    if (
      err instanceof AccountError ||
      err instanceof AddressError ||
      err instanceof BackupError ||
      err instanceof TlsSettingError ||
      (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      process.stderr.write(`Error: ${err.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    // DATABASE_URL wrong or PostgreSQL unreachable: one line naming it (never the password);
    // an export or import refused: what is wrong with it, and nothing was written.
    if (err instanceof StoreOpenError || err instanceof TransferError) {
      process.stderr.write(`Error: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
