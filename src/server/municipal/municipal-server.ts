/**
 * A municipal deployment's node (README.md): one port for every centre. The Host of each request
 * says what it is for (hosts.ts): the base domain is the municipal admin (municipal-app.ts), a
 * `<slug>.` subdomain one centre, whose own server (registry.ts) gets the request, socket
 * upgrades included, exactly as if it listened itself. Any other host gets 404 and learns
 * nothing. Several nodes behind a proxy share the one database and each centre's adapter
 * channels (cluster/README.md).
 */
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { AggregatorRegistry, collectDefaultMetrics, Registry } from 'prom-client';
import { createLogger, type Logger } from '../logger.js';
import { metricsAccess, metricsTokenFrom } from '../metrics/access.js';
import { defaultNodeId, nodeIdFrom } from '../metrics/node-id.js';
import { PRIVATE_DIR_MODE } from '../store/permissions.js';
import { openSharedPostgres, type SharedPostgres } from '../store/postgres.js';
import { migrateDirectory } from './directory.js';
import { startDirectoryHousekeeping } from './housekeeping.js';
import { centreUrl, targetOfHost } from './hosts.js';
import { createMunicipalApp } from './municipal-app.js';
import { CentreRegistry, type CentreServerOptions } from './registry.js';

export interface MunicipalOptions {
  /** The one PostgreSQL database of the deployment (`postgres://…`). */
  databaseUrl: string;
  /** Media and speech caches: `centres/<slug>/` under it, per centre. */
  dataDir: string;
  /** The admin's host name; centres are `<slug>.<baseDomain>`. */
  baseDomain: string;
  port?: number;
  host?: string;
  /** How clients reach the deployment (a TLS proxy in front: https). Default http. */
  publicScheme?: 'http' | 'https';
  /** The port in the addresses clients open; default the port this node listens on. */
  publicPort?: number;
  logger?: Logger;
  now?: () => Date;
  metricsToken?: string | null;
  nodeId?: string;
  trustProxy?: boolean | string | string[];
  /** What every centre's server is started with besides its own store and address. */
  centre?: Omit<
    CentreServerOptions,
    'logger' | 'now' | 'databaseUrl' | 'nodeId' | 'trustProxy' | 'metricsToken'
  >;
}

export interface RunningMunicipal {
  /** The municipal admin's address. */
  url: string;
  port: number;
  urlOf(slug: string): string;
  registry: CentreRegistry;
  shared: SharedPostgres;
  close(): Promise<void>;
}

const notHere = (res: ServerResponse): void => {
  res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: 'not_found', message: 'Nothing is served at this address.' }));
};

export async function startMunicipalServer(opts: MunicipalOptions): Promise<RunningMunicipal> {
  const logger = opts.logger ?? createLogger();
  const now = opts.now ?? (() => new Date());
  const metricsToken =
    opts.metricsToken === null ? null : metricsTokenFrom(opts.metricsToken ?? undefined);
  const shared = await openSharedPostgres(opts.databaseUrl, {
    maxConnections: 20,
    onIdleError: (err) => logger.warn({ err }, 'a PostgreSQL connection failed while idle'),
  });
  await migrateDirectory(shared.directory);
  const housekeeping = startDirectoryHousekeeping(shared.directory, now, logger);
  mkdirSync(opts.dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });

  const front = createServer();
  let port = 0;
  const scheme = opts.publicScheme ?? 'http';
  const urlOf = (slug: string): string =>
    centreUrl(slug, { scheme, domain: opts.baseDomain, port: opts.publicPort ?? port });
  let nodeId = nodeIdFrom(opts.nodeId) ?? '';

  const registry = new CentreRegistry({
    shared,
    dataDir: opts.dataDir,
    logger,
    urlOf,
    server: {
      ...opts.centre,
      now,
      databaseUrl: opts.databaseUrl,
      // The same rule as the base domain's /metrics (the option, else the environment's token).
      metricsToken,
      processMetrics: false,
      ...(opts.trustProxy === undefined ? {} : { trustProxy: opts.trustProxy }),
      get nodeId() {
        return nodeId;
      },
    },
  });

  // The process's own series once, and every started centre's with its `centre` label.
  const processRegistry = new Registry();
  collectDefaultMetrics({ register: processRegistry });
  const metricsText = async (): Promise<string> => {
    processRegistry.setDefaultLabels({ node: nodeId });
    const parts = [await processRegistry.getMetricsAsJSON()];
    for (const { server } of await registry.started())
      parts.push(await server.metrics.registry.getMetricsAsJSON());
    return AggregatorRegistry.aggregate(parts).metrics();
  };
  const ops = (app: FastifyInstance): void => {
    app.get('/healthz', () => ({}));
    app.get('/metrics', async (req, reply) => {
      const access = metricsAccess(req.ip, req.headers, metricsToken);
      if (!access.allowed)
        return reply.code(access.status).send({ error: 'forbidden', message: access.message });
      return reply.type(processRegistry.contentType).send(await metricsText());
    });
  };
  const admin = createMunicipalApp({
    shared,
    logger,
    now,
    urlOf,
    ops,
    // The admin's page is built beside the centres' front ends (the centres' default too).
    uiDir: opts.centre?.uiDir === undefined ? 'dist/ui' : opts.centre.uiDir,
    ...(opts.trustProxy === undefined ? {} : { trustProxy: opts.trustProxy }),
  });
  await admin.ready();

  const failed = (res: ServerResponse, err: unknown): void => {
    logger.error({ err }, 'a centre could not be started');
    if (!res.headersSent) {
      res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '5' });
      res.end(
        JSON.stringify({
          error: 'unavailable',
          message: 'The centre cannot be reached just now. Try again shortly.',
        }),
      );
    }
  };
  front.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const target = targetOfHost(req.headers.host, opts.baseDomain);
    if (target.kind === 'municipal') {
      admin.server.emit('request', req, res);
      return;
    }
    if (target.kind === 'none') {
      notHere(res);
      return;
    }
    registry.get(target.slug).then(
      (server) => (server ? server.http.emit('request', req, res) : notHere(res)),
      (err: unknown) => failed(res, err),
    );
  });
  front.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const target = targetOfHost(req.headers.host, opts.baseDomain);
    socket.on('error', () => socket.destroy());
    if (target.kind !== 'centre') {
      socket.destroy();
      return;
    }
    registry.get(target.slug).then(
      (server) => (server ? server.http.emit('upgrade', req, socket, head) : socket.destroy()),
      () => socket.destroy(),
    );
  });

  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  port = (front.address() as AddressInfo).port;
  nodeId ||= defaultNodeId(port);
  const adminPort = opts.publicPort ?? port;
  const url = `${scheme}://${opts.baseDomain}${adminPort === (scheme === 'https' ? 443 : 80) ? '' : `:${adminPort}`}`;
  logger.info({ url, node: nodeId }, 'municipal server listening');

  return {
    url,
    port,
    urlOf,
    registry,
    shared,
    async close() {
      housekeeping.stop();
      front.close();
      await registry.close();
      await admin.close();
      front.closeAllConnections();
      await shared.close();
    },
  };
}
