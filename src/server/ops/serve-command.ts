/**
 * `serve`: the centre server, and the demo's seeding and login lines. Its own module, loaded by
 * cli.ts only for `serve`, so the other commands (enrol-code, create-user, backup …) start
 * without loading fastify, socket.io and the rest of the server: about a second less for each,
 * which an operator notices and the test suite's fifty-odd CLI runs add up.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { AccountError, createEnrolCode, createUser, setPassword } from '../auth/accounts.js';
import { createDemoLogger } from '../demo/demo-logger.js';
import { followToday } from '../demo/follow-today.js';
import { DEMO_RELATIVE, ensureDemoRelative } from '../demo/relative.js';
import { DEMO_PIN_RESIDENT, seedDemo } from '../demo/seed.js';
import { parseTrustProxy } from '../http/app.js';
import { TlsSettingError, type TlsFiles } from '../http/transport-security.js';
import { startServer, type ServerOptions } from '../index.js';
import { createLogger } from '../logger.js';
import { metricsTokenFrom } from '../metrics/access.js';
import { nodeIdFrom } from '../metrics/node-id.js';
import { databaseUrlFromEnv, openConfiguredDb } from '../store/open-store.js';
import { kioskOrigin, parseOrigin, recordKioskAddress } from './kiosk-address.js';
import { stopOnSignals } from './shutdown.js';

/** The options `serve` reads, as the CLI parsed them. */
export interface ServeValues {
  data: string;
  port: string;
  host: string;
  demo: boolean;
  url?: string | undefined;
  'metrics-token'?: string | undefined;
  'trust-proxy'?: string | undefined;
  'tls-cert'?: string | undefined;
  'tls-key'?: string | undefined;
  'audit-days'?: string | undefined;
}

/** Starts the server; answers -1 (keep running) once it listens. */
export async function serveCommand(
  values: ServeValues,
  out: (line: string) => void,
): Promise<number> {
  const dataDir = values.data;
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new AccountError('invalid', `--port must be 0–65535, not "${values.port}".`);
  const publicUrl = values.url === undefined ? null : parseOrigin(values.url);
  // Seed before the server starts: it reads wall consent and the centre once, at start. A
  // reopened demo gets the days from today on that it does not have yet.
  let seeded = false;
  let added = 0;
  // The demo relative's login is made before the start too, so the start's mirror pass
  // shows it to staff on the Pårørende page.
  const relativePassword = randomBytes(6).toString('base64url');
  if (values.demo) {
    const db = await openConfiguredDb(dataDir);
    seeded = await seedDemo(db, new Date(), { dataDir });
    if (!seeded) added = await followToday(db, new Date(), { dataDir });
    await ensureDemoRelative(db, relativePassword);
    await db.destroy();
  }
  const demoLog = values.demo ? await createDemoLogger() : null;
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    const databaseUrl = databaseUrlFromEnv();
    server = await startServer({
      dataDir,
      ...(databaseUrl ? { databaseUrl } : {}),
      port,
      host: values.host,
      logger: demoLog?.logger ?? createLogger(),
      ...serveSettings(values),
      ...trustProxySetting(values['trust-proxy']),
      ...tlsSetting(values['tls-cert'], values['tls-key']),
    });
  } catch (err) {
    // Logs held back for the demo's human block must not vanish when the start fails.
    demoLog?.release();
    throw err;
  }
  recordKioskAddress(
    dataDir,
    publicUrl ?? kioskOrigin(values.host, server.port, new URL(server.url).protocol),
  );
  if (values.demo) {
    await runDemo(out, server.url, dataDir, server.store.db, seeded, added, relativePassword);
    demoLog?.release();
  }
  // SIGTERM/SIGINT: answer the mutations in flight, close, exit 0 (ops/shutdown.ts).
  stopOnSignals(server, server.logger);
  return -1; // keep running
}

/** `serve --trust-proxy ADDRS`: which reverse proxies may name the client (X-Forwarded-For). */
function trustProxySetting(value: string | undefined): Pick<ServerOptions, 'trustProxy'> {
  if (value === undefined) return {};
  try {
    return { trustProxy: parseTrustProxy(value) };
  } catch (err) {
    throw new AccountError('invalid', err instanceof Error ? err.message : String(err));
  }
}

/**
 * `serve --tls-cert FILE --tls-key FILE` (or env CITIZEN_GUIDE_TLS_CERT and
 * CITIZEN_GUIDE_TLS_KEY, e.g. from systemd's LoadCredential): HTTPS from these PEM files. Both
 * or neither: one alone is a mistake, not plain HTTP.
 */
function tlsSetting(
  cert = process.env.CITIZEN_GUIDE_TLS_CERT || undefined,
  key = process.env.CITIZEN_GUIDE_TLS_KEY || undefined,
): { tls?: TlsFiles } {
  if (cert === undefined && key === undefined) return {};
  if (cert === undefined || key === undefined)
    throw new TlsSettingError(
      'HTTPS needs both --tls-cert FILE (the certificate, PEM) and --tls-key FILE (its key, PEM).',
    );
  return { tls: { cert, key } };
}

/** serve's operations settings: who may read /metrics, how long the audit is kept. */
function serveSettings(values: {
  'metrics-token'?: string | undefined;
  'audit-days'?: string | undefined;
}): Pick<ServerOptions, 'metricsToken' | 'retention' | 'nodeId'> {
  let metricsToken: string | null;
  let nodeId: string | null;
  try {
    metricsToken = metricsTokenFrom(values['metrics-token']);
    // CITIZEN_GUIDE_NODE_ID: refused here with the usage, before anything opens.
    nodeId = nodeIdFrom(undefined);
  } catch (err) {
    throw new AccountError('invalid', err instanceof Error ? err.message : String(err));
  }
  const days = values['audit-days'];
  if (days !== undefined && !/^[1-9]\d{0,5}$/.test(days))
    throw new AccountError(
      'invalid',
      `--audit-days must be a whole number of days, not "${days}".`,
    );
  return {
    metricsToken,
    ...(nodeId === null ? {} : { nodeId }),
    ...(days === undefined ? {} : { retention: { auditDays: Number(days) } }),
  };
}

async function runDemo(
  out: (line: string) => void,
  url: string,
  dataDir: string,
  db: Awaited<ReturnType<typeof openConfiguredDb>>,
  seeded: boolean,
  added: number,
  relativePassword: string,
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
  if (added > 0) out(`  The demo week moved on to today: ${added} new day(s) added.`);
  out(
    `  Staff admin:  ${url}/staff/   log in as admin / ${password}   (a new password each demo start)`,
  );
  out(
    `  Relatives:    ${url}/family/   log in as ${DEMO_RELATIVE.username} / ${relativePassword}   (${DEMO_RELATIVE.displayName}: Anna and Gitte)`,
  );
  out(`  Kiosk page:   ${kioskUrl}`);
  out(`                (the one-time enrolment code ${code} is valid for 10 minutes; a second`);
  out(`                browser opens ${url}/kiosk/ and types a code from \`enrol-code\`)`);
  out(`  To start the demo from scratch: stop it, delete ${dataDir}, run npm run demo again.`);
  out(
    `  Resident PIN: ${DEMO_PIN_RESIDENT.name} has the PIN ${DEMO_PIN_RESIDENT.pin} (tap his photo to try it)`,
  );
  if (!existsSync('dist/ui/kiosk/index.html'))
    out('  The web pages are not built: run `npm run build:ui` first.');
  out('  No Electron runtime is used by the demo: open the kiosk page above in a browser.');
  out('');
}
