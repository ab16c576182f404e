/**
 * The command line of a municipal deployment (README.md "Many centres on one deployment"), each
 * on the PostgreSQL database DATABASE_URL names:
 *
 *   serve-municipal --base-domain D [--port 8080] [--host 127.0.0.1] [--data DIR]
 *                   [--public-scheme https] [--public-port 443] [--trust-proxy ADDRS]
 *   municipal-admin --username U                      (password at the prompt or on stdin)
 *   create-centre --slug S --name N [--time-zone Z] --username U [--admin-name NAME]
 *   import-centre --from DIR --centre S               (an export-centre folder, as centre S)
 */
import { AccountError } from '../auth/accounts.js';
import { parseTrustProxy } from '../http/app.js';
import { createLogger } from '../logger.js';
import { metricsTokenFrom } from '../metrics/access.js';
import { readPassword } from '../ops/read-password.js';
import { stopOnSignals } from '../ops/shutdown.js';
import { databaseUrlFromEnv } from '../store/open-store.js';
import { openSharedPostgres, StoreOpenError } from '../store/postgres.js';
import { CentreError, createCentre, importAsCentre } from './centres.js';
import { migrateDirectory, type DirectoryDb } from './directory.js';
import { centreUrl } from './hosts.js';
import { createMunicipalAdmin } from './municipal-app.js';
import { startMunicipalServer } from './municipal-server.js';

export interface MunicipalValues {
  data: string;
  port: string;
  host: string;
  username?: string | undefined;
  name?: string | undefined;
  from?: string | undefined;
  centre?: string | undefined;
  slug?: string | undefined;
  'time-zone'?: string | undefined;
  'admin-name'?: string | undefined;
  'base-domain'?: string | undefined;
  'public-scheme'?: string | undefined;
  'public-port'?: string | undefined;
  'trust-proxy'?: string | undefined;
  'metrics-token'?: string | undefined;
}

const invalid = (message: string): AccountError => new AccountError('invalid', message);

function databaseUrl(command: string): string {
  const url = databaseUrlFromEnv();
  if (!url)
    throw new StoreOpenError(
      `${command} needs DATABASE_URL=postgres://… (a municipal deployment is one PostgreSQL database).`,
    );
  return url;
}

function portOf(value: string, flag: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65535)
    throw invalid(`${flag} must be 0–65535, not "${value}".`);
  return port;
}

/** One of the municipal commands; answers the exit code (-1: keep running). */
export async function runMunicipalCommand(
  command: string,
  values: MunicipalValues,
  out: (line: string) => void,
): Promise<number> {
  const url = databaseUrl(command);
  if (command === 'serve-municipal') return serve(url, values, out);
  const shared = await openSharedPostgres(url);
  try {
    await migrateDirectory(shared.directory);
    const directory = shared.directory as DirectoryDb;
    if (command === 'municipal-admin') {
      if (!values.username) throw invalid('municipal-admin needs --username U.');
      const password = await readPassword(`Password for ${values.username}`);
      await createMunicipalAdmin(directory, values.username, password);
      out(`Made municipal admin "${values.username}": they sign in at the base domain's address.`);
      return 0;
    }
    if (command === 'create-centre') {
      if (!values.slug || !values.name || !values.username)
        throw invalid('create-centre needs --slug S --name N --username U (its first admin).');
      const password = await readPassword(`Password for ${values.username}`);
      const made = await createCentre(
        shared,
        {
          slug: values.slug,
          name: values.name,
          timeZone: values['time-zone'] ?? 'Europe/Copenhagen',
        },
        {
          username: values.username,
          password,
          displayName: values['admin-name'] ?? values.username,
        },
      );
      out(`Made centre "${made.name}" (${made.slug}, schema ${made.schema}).`);
      out(`Its admin "${values.username}" signs in at https://${made.slug}.<base domain>/staff/.`);
      return 0;
    }
    // import-centre --centre S
    if (!values.from || !values.centre)
      throw invalid('import-centre into a municipal deployment needs --from DIR --centre S.');
    const { entry, info } = await importAsCentre(shared, values.data, values.from, values.centre);
    out(
      `Imported ${entry.name} as centre ${entry.slug}: ${info.rows} rows, ${info.media} media files, change log at ${info.head}.`,
    );
    out(
      `New database identity ${info.identity}: kiosks keep their enrolment and sync again from the start once.`,
    );
    out(`Point the kiosks at https://${entry.slug}.<base domain> (their kiosk-config serverUrl).`);
    return 0;
  } catch (err) {
    if (err instanceof CentreError) throw new AccountError(err.code, err.message);
    throw err;
  } finally {
    await shared.close();
  }
}

async function serve(
  url: string,
  values: MunicipalValues,
  out: (line: string) => void,
): Promise<number> {
  const baseDomain = values['base-domain']?.trim().toLowerCase();
  if (
    !baseDomain ||
    !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(baseDomain)
  )
    throw invalid('serve-municipal needs --base-domain D (e.g. borgerguide.kommune.dk).');
  const scheme = values['public-scheme'] ?? 'http';
  if (scheme !== 'http' && scheme !== 'https') throw invalid('--public-scheme is http or https.');
  let trustProxy: string[] | undefined;
  let metricsToken: string | null;
  try {
    trustProxy =
      values['trust-proxy'] === undefined ? undefined : parseTrustProxy(values['trust-proxy']);
    metricsToken = metricsTokenFrom(values['metrics-token']);
  } catch (err) {
    throw invalid(err instanceof Error ? err.message : String(err));
  }
  const logger = createLogger();
  const server = await startMunicipalServer({
    databaseUrl: url,
    dataDir: values.data,
    baseDomain,
    port: portOf(values.port, '--port'),
    host: values.host,
    publicScheme: scheme,
    ...(values['public-port'] === undefined
      ? {}
      : { publicPort: portOf(values['public-port'], '--public-port') }),
    logger,
    metricsToken,
    ...(trustProxy ? { trustProxy } : {}),
  });
  out(`Municipal admin: ${server.url}`);
  out(
    `Each centre:     ${centreUrl('<slug>', { scheme, domain: baseDomain, port: values['public-port'] === undefined ? server.port : Number(values['public-port']) })}`,
  );
  stopOnSignals(server, logger);
  return -1;
}
