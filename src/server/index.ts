/**
 * The centre server: HTTP + socket.io on one port, over a Store. `startServer` is what the CLI,
 * the tests and the benchmarks start.
 */
import type { IncomingHttpHeaders, Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { Centre } from '../domain/model.js';
import { MAX_TRANSPORT_BYTES } from '../protocol/index.js';
import { hashToken } from './auth/tokens.js';
import { DEFAULT_CENTRE_ID, DEFAULT_TIME_ZONE } from './centre.js';
import { createHttpApp, type HttpApp, type TrustProxy } from './http/app.js';
import {
  readTls,
  secureRequestTest,
  type TlsFiles,
  type TlsMaterial,
} from './http/transport-security.js';
import { createLogger, type Logger } from './logger.js';
import { metricsAccess, metricsTokenFrom, type MetricsAccess } from './metrics/access.js';
import { ServerMetrics } from './metrics/server-metrics.js';
import { defaultNodeId, nodeIdFrom } from './metrics/node-id.js';
import { startRetention, type RetentionOptions } from './ops/retention.js';
import { SpeechService, type SpeechOptions } from './speech/speech-service.js';
import { warnIfAccessible } from './store/permissions.js';
import { openStore } from './store/open-store.js';
import { DB_FILES } from './store/sqlite.js';
import { readHead, type Store } from './store/store.js';
import { DEFAULT_EVENT_BUDGETS, type EventBudgets } from './sync/event-budget.js';
import { guardedParser } from './sync/guarded-parser.js';
import { MutationService, type MutationServiceDeps } from './sync/mutate.js';
import { Publisher, type Batch } from './sync/publisher.js';
import { startBookingRelease } from './sync/booking-release.js';
import { attachSync, disconnectPrincipal, sweepSockets } from './sync/socket.js';
import { createUnlockService } from './sync/unlock.js';
import { factsOf, residentFacts, withResident, type ResidentFacts } from './sync/visibility.js';
import { storedMediaKind } from './media/media-store.js';
import { deleteIfUnreferenced } from './people/media-gone.js';
import { settleDatabaseIdentity } from './ops/restored-database.js';
import { reconcileMirrors } from './sync/mirrors.js';
import { KioskPresence } from './sync/presence.js';
import { attachCluster, PRESENCE_EVENT, type Cluster } from './cluster/adapter.js';
import { ChangeFeed } from './cluster/change-feed.js';
import { PushAfterNotice } from './cluster/push-after-notice.js';
import { startHousekeeping } from './cluster/housekeeping.js';
import { databaseUrlFromEnv } from './store/open-store.js';

export interface ServerOptions {
  dataDir: string;
  port?: number;
  host?: string;
  logger?: Logger;
  now?: () => Date;
  /** Directory of the built kiosk UI; default `dist/ui` when it exists. */
  uiDir?: string | null;
  /** How often to look for kiosks revoked by another process (the CLI), in ms. */
  revocationPollMs?: number;
  /**
   * How often to look whether the change log moved without this node hearing of it (another
   * node's notification lost while the adapter was down, the CLI), in ms; default 1000.
   */
  headPollMs?: number;
  store?: Store;
  /**
   * The PostgreSQL store's address (`postgres://…`, the CLI passes DATABASE_URL); absent: the
   * SQLite file in `dataDir`. Media and the speech cache stay in `dataDir` either way.
   */
  databaseUrl?: string;
  /** Read-aloud audio (eSpeak NG); `rendersPerMinute` is the per-caller budget of new texts. */
  speech?: SpeechOptions & { rendersPerMinute?: number };
  /** Events each socket may send (token bucket), by role (DEFAULT_EVENT_BUDGETS); null: none. */
  eventBudget?: EventBudgets | null;
  /** Test hook: wraps mutation handlers, e.g. to inject a fault. */
  wrapHandler?: MutationServiceDeps['wrapHandler'];
  /** Test hook: a client's mutation joined the writer queue. */
  mutationQueued?: MutationServiceDeps['queued'];
  /**
   * Who may read GET /metrics besides this machine (`Authorization: Bearer TOKEN`); default env
   * CITIZEN_GUIDE_METRICS_TOKEN; null or empty: only this machine.
   */
  metricsToken?: string | null;
  /** What is purged when (ops/retention.ts); the audit is kept 2 years by default. */
  retention?: RetentionOptions;
  /** How often to give back bookings nobody started using (sync/booking-release.ts), in ms. */
  bookingReleaseEveryMs?: number;
  /**
   * Which reverse proxies to believe about the client's address (X-Forwarded-For), for rate
   * limits, logs and the metrics rule: fastify's `trustProxy` (an address, a CIDR or a list of
   * them, `true` for any, a hop count). Default: none; the connection's own address counts.
   */
  trustProxy?: TrustProxy;
  /**
   * Serve HTTPS from this certificate (PEM, the chain) and key (PEM) file, read at start
   * (`serve --tls-cert FILE --tls-key FILE`). Under HTTPS, direct or behind a trusted proxy that
   * says so, cookies are `Secure` and `__Host-` named and HSTS is sent (README sections 1, 2).
   */
  tls?: TlsFiles;
  /**
   * This node's name in /metrics (the `node` label on every series); default env
   * CITIZEN_GUIDE_NODE_ID, else `<host name>:<port>` (metrics/node-id.ts).
   */
  nodeId?: string;
  /**
   * False: answer only what a front server hands over (`http.emit('request' | 'upgrade', …)`),
   * listening on no port: one centre of a municipal deployment (municipal/README.md). `url` is
   * then `publicUrl`.
   */
  listen?: boolean;
  /** The address clients reach this server at, when it does not listen itself. */
  publicUrl?: string;
  /**
   * The adapter's channel prefix on a PostgreSQL store (default socket.io's own): one per centre
   * of a municipal deployment, so one centre's broadcasts never reach another's sockets.
   */
  clusterChannel?: string;
  /** The `centre` label on every series of /metrics (a municipal deployment's centres). */
  centreLabel?: string;
  /** False: /metrics leaves out the process's own series (the front server says them once). */
  processMetrics?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  http: HttpServer;
  /** The fastify app answering HTTP on `http` (socket.io answers `/socket.io/` before it). */
  app: HttpApp;
  io: Server;
  logger: Logger;
  metrics: ServerMetrics;
  /** The `node` label on this server's metrics. */
  nodeId: string;
  /** The rule for GET /metrics, given the client address the HTTP layer settled on. */
  mayReadMetrics(ip: string, headers: IncomingHttpHeaders): MetricsAccess;
  /**
   * Graceful: takes no new connections or mutations, answers the mutations already queued once
   * they have committed, closes the sockets (after their answers are written), then the store.
   */
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger();
  const now = opts.now ?? (() => new Date());
  // Checked before anything opens: a bad token is a setting to fix, not a server to half-start.
  const metricsToken =
    opts.metricsToken === null ? null : metricsTokenFrom(opts.metricsToken ?? undefined);
  const tls: TlsMaterial | undefined = opts.tls ? readTls(opts.tls) : undefined;
  const nodeIdSetting = nodeIdFrom(opts.nodeId);
  const store: Store =
    opts.store ??
    (await openStore({
      dataDir: opts.dataDir,
      databaseUrl: opts.databaseUrl,
      onIdleError: (err) => logger.warn({ err }, 'a PostgreSQL connection failed while idle'),
    }));

  // The head before the facts are read: whatever commits after it, on this node or another,
  // reaches the facts through the change feed (cluster/change-feed.ts).
  const startHead = await readHead(store.db);
  // What each client may see depends on facts about residents (wall consent, PIN, groups): kept
  // as an immutable snapshot in memory, replaced after each commit that wrote a resident, here
  // or on another node (all of them are in the change log, which every node reads).
  const residentFactsById = new Map<string, ResidentFacts>();
  for (const row of await store.db.selectFrom('resident').select(['id', 'data']).execute())
    residentFactsById.set(row.id, residentFacts(JSON.parse(row.data) as Record<string, unknown>));
  let facts = factsOf(residentFactsById);
  // A PostgreSQL database restored from a dump is noticed and given a new identity here.
  const identity = await settleDatabaseIdentity(store, logger);
  let centre = { id: DEFAULT_CENTRE_ID, timeZone: DEFAULT_TIME_ZONE };
  const loadCentre = async (): Promise<void> => {
    const row = await store.db.selectFrom('centre').select('data').executeTakeFirst();
    if (row) centre = Centre.parse(JSON.parse(row.data));
  };
  await loadCentre();

  // Others on the machine must not read residents' photos and hashes: say so if they can.
  warnIfAccessible(opts.dataDir, DB_FILES, logger);

  // Read-aloud: look for eSpeak NG once, and say in one log line what kiosks will get.
  const speech = new SpeechService(opts.dataDir, logger, opts.speech);
  await speech.init();

  let sync: ReturnType<typeof attachSync> | null = null;
  const publisher = new Publisher(
    {
      rooms: () => sync?.target.rooms() ?? [],
      emit: (room, push) => sync?.target.emit(room, push),
      reset: (room, notice) => sync?.target.reset(room, notice),
    },
    () => identity,
  );

  // One batch of the change log for this node's clients, from a local commit or read back from
  // the store: the centre and the facts follow it, then each room gets its push.
  const applyBatch = (batch: Batch): void => {
    if (batch.changes.some((c) => c.type === 'centre')) void loadCentre();
    const before = facts;
    for (const c of batch.changes) {
      if (c.type !== 'resident') continue;
      facts = withResident(facts, c.id, c.op === 'put' && c.data ? residentFacts(c.data) : null);
    }
    const after = facts;
    if (cluster) afterNotice.send(() => publisher.publish(batch, before, after));
    else publisher.publish(batch, before, after);
  };
  // With several nodes the head notice leaves before this node's own push (push-after-notice.ts).
  const afterNotice = new PushAfterNotice();
  let cluster: Cluster | null = null;
  const feed = new ChangeFeed(
    { db: store.db, logger, apply: applyBatch, announce: (head) => cluster?.announce(head) },
    startHead,
  );

  let presence: KioskPresence | null = null;
  let mutationCount = 0;
  const mutations = new MutationService({
    store,
    logger,
    now,
    timeZone: () => centre.timeZone,
    hasConsent: (id) => facts.consenting.has(id),
    mediaKind: (hash) => storedMediaKind(opts.dataDir, hash),
    ...(opts.wrapHandler ? { wrapHandler: opts.wrapHandler } : {}),
    ...(opts.mutationQueued ? { queued: opts.mutationQueued } : {}),
    committed: (after, cursor, changes, effects, receivedMs) => {
      mutationCount += 1;
      for (const e of effects)
        if (e.kind === 'revoke-device' && sync) disconnectPrincipal(sync.nsp, 'device', e.deviceId);
        else if (e.kind === 'end-user' && sync) disconnectPrincipal(sync.nsp, 'user', e.userId);
        else if (e.kind === 'media-unreferenced')
          void deleteIfUnreferenced(store, opts.dataDir, e.hash).catch((err: unknown) =>
            logger.warn({ err }, 'could not delete an unreferenced media file'),
          );
      feed.committed({ after, cursor, changes });
      metrics.pushSent((performance.now() - receivedMs) / 1000);
    },
  });

  const metrics = new ServerMetrics(
    {
      connectedRoles: () => [...nsp.sockets.values()].map((s) => s.data.principal.role),
      changeLogHead: () => readHead(store.db),
      changeLogRows: async () =>
        Number(
          (
            await store.db
              .selectFrom('change_log')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      mutationsApplied: () => mutationCount,
      mutationsFailed: () => mutations.internalFailures,
      speech: () => speech,
    },
    opts.processMetrics === false ? { processMetrics: false } : {},
  );

  // fastify owns the Node server; socket.io attaches to it as fastify's examples do. Engine.IO
  // wraps the server's request listener, so everything under /socket.io/ is answered by
  // Engine.IO and never reaches fastify's router (README section 1).
  const uiDir = opts.uiDir === undefined ? 'dist/ui' : opts.uiDir;
  const app = createHttpApp({
    store,
    logger,
    now,
    facts: () => facts,
    dataDir: opts.dataDir,
    uiDir,
    ...(opts.trustProxy === undefined ? {} : { trustProxy: opts.trustProxy }),
    ...(tls ? { tls } : {}),
    // /healthz tells anyone only that the server answers; the numbers are in /metrics, which
    // only this machine or the metrics token may read (metrics/access.ts).
    health: () => ({}),
    metricsText: () => metrics.text(),
    metricsContentType: metrics.contentType,
    mayReadMetrics: (ip, headers) => metricsAccess(ip, headers, metricsToken),
    onLogout: (token) => sync?.nsp.in(`session:${hashToken(token)}`).disconnectSockets(true),
    operations: {
      timeZone: () => centre.timeZone,
      internal: (label, run) => mutations.internal(label, run),
      presence: () => presence?.list() ?? Promise.resolve([]),
      reloadKiosk: (deviceId: string) => presence?.reload(deviceId) ?? false,
    },
    speech: {
      speech,
      ...(opts.speech?.rendersPerMinute ? { rendersPerMinute: opts.speech.rendersPerMinute } : {}),
    },
  });
  const http = app.server;
  const io = new Server(http, {
    maxHttpBufferSize: MAX_TRANSPORT_BYTES,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 5_000,
    // Answers reserved event names and non-object auth instead of dropping the connection.
    parser: guardedParser,
  });
  // Several nodes share a PostgreSQL store: join them (cluster/README.md). SQLite is one process.
  const clusterUrl = opts.databaseUrl ?? databaseUrlFromEnv();
  if (store.dialect === 'postgres' && clusterUrl) {
    cluster = await attachCluster(io, clusterUrl, logger, opts.clusterChannel);
    cluster.onHead((head) => feed.moved(head));
  }

  sync = attachSync({
    io,
    store,
    logger,
    mutations,
    unlock: createUnlockService({
      store,
      logger,
      now,
      facts: () => facts,
      timeZone: () => centre.timeZone,
    }),
    facts: () => facts,
    identity: () => identity,
    now,
    centreId: () => centre.id,
    eventBudget: opts.eventBudget === undefined ? DEFAULT_EVENT_BUDGETS : opts.eventBudget,
    onFlooder: (hash, ms) => cluster?.flooder(hash, ms),
    metrics,
    // The same rule as fastify's req.protocol, for the handshake that bypasses fastify.
    secureRequest: secureRequestTest(opts.trustProxy),
  });
  const nsp = sync.nsp;
  const attached = sync;
  cluster?.onFlooder((hash, ms) => attached.refuseFlooder(hash, ms));
  // The mirrors of logins and kiosks in line with their tables (the command line may have
  // changed them while we were down), before any client can pull; then kiosks' presence.
  await mutations.internal('mirrors.reconcile', reconcileMirrors);
  const peers = cluster;
  presence = new KioskPresence({
    nsp,
    db: store.db,
    now,
    logger,
    // The kiosks on the other nodes, asked through the adapter (cluster/README.md).
    ...(peers ? { others: () => peers.ask(PRESENCE_EVENT) } : {}),
  });
  const localPresence = presence;
  peers?.answer(PRESENCE_EVENT, () => localPresence.report());

  // Rights that end outside a mutation (the CLI revokes a kiosk, a session expires, a user is
  // disabled) end the open sockets within a poll; every event re-checks as well (sync/socket.ts).
  let sweeping = false;
  const poll = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweepSockets(nsp, store, now())
      .catch((err: unknown) => logger.warn({ err }, 'socket sweep failed'))
      .finally(() => {
        sweeping = false;
      });
  }, opts.revocationPollMs ?? 1000);
  poll.unref();
  // The change log moved without a word to this node (a notification lost, the CLI): catch up.
  let checkingHead = false;
  const headPoll = setInterval(() => {
    if (checkingHead) return;
    checkingHead = true;
    feed
      .check()
      .catch((err: unknown) => logger.warn({ err }, 'change-log head check failed'))
      .finally(() => {
        checkingHead = false;
      });
  }, opts.headPollMs ?? 1000);
  headPoll.unref();
  const housekeeping = startHousekeeping(store, now, logger);

  // Expired sessions and codes, old mutation ids and old audit rows: once now, then every 6 h.
  const retention = startRetention(store, now, logger, opts.retention);
  // Booked slots nobody started using are given back after the resource's M minutes.
  const bookingRelease = startBookingRelease({
    store,
    mutations,
    now,
    logger,
    ...(opts.bookingReleaseEveryMs ? { everyMs: opts.bookingReleaseEveryMs } : {}),
  });

  await app.ready();
  let port = 0;
  let url = opts.publicUrl ?? '';
  if (opts.listen !== false) {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
    });
    port = (http.address() as AddressInfo).port;
    url = `${tls ? 'https' : 'http'}://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${port}`;
  }
  const nodeId = nodeIdSetting ?? defaultNodeId(port);
  metrics.setNode(nodeId, opts.centreLabel);
  logger.info({ url, dataDir: opts.dataDir, node: nodeId }, 'centre server listening');

  return {
    url,
    port,
    store,
    http,
    app,
    io,
    logger,
    metrics,
    nodeId,
    mayReadMetrics: (ip, headers) => metricsAccess(ip, headers, metricsToken),
    async close() {
      clearInterval(poll);
      clearInterval(headPoll);
      housekeeping.stop();
      await bookingRelease.stop();
      // No new connections from here; open ones stay until their mutations are answered.
      http.close();
      await mutations.drain();
      afterNotice.flush();
      // The answers are sent from promise callbacks: let them all run before the sockets close.
      await new Promise((resolve) => setImmediate(resolve));
      // Engine.IO writes what a socket still has buffered (the answers) before closing it.
      // This node's sockets only: through the adapter it would close every node's.
      io.local.disconnectSockets(true);
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      await cluster?.close();
      await feed.settled();
      await app.close();
      await retention.stop();
      await store.close();
    },
  };
}
