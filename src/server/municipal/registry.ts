/**
 * The centres this node serves, each a whole centre server (startServer) over its own schema,
 * listening on no port: the front server (municipal-server.ts) hands it the requests for its
 * address. A centre starts at its first request, after its directory entry is read, and stays.
 * Everything a centre server keeps in memory (visibility facts, settings, rooms, presence) is
 * that centre's alone, and its socket.io adapter has its own channels.
 */
import { startServer, type RunningServer, type ServerOptions } from '../index.js';
import type { Logger } from '../logger.js';
import type { SharedPostgres } from '../store/postgres.js';
import { centreDataDir } from './centres.js';
import { findCentre } from './directory.js';

/** What every centre server of this node shares (the front decides these). */
export type CentreServerOptions = Omit<
  ServerOptions,
  'dataDir' | 'store' | 'listen' | 'publicUrl' | 'clusterChannel' | 'centreLabel' | 'port' | 'host'
>;

export interface RegistryDeps {
  shared: SharedPostgres;
  /** The deployment's data directory: each centre's media are in `centres/<slug>/` under it. */
  dataDir: string;
  logger: Logger;
  /** The address of a centre, as clients open it. */
  urlOf: (slug: string) => string;
  server: CentreServerOptions;
}

export class CentreRegistry {
  readonly #deps: RegistryDeps;
  readonly #running = new Map<string, Promise<RunningServer | null>>();
  #closed = false;

  constructor(deps: RegistryDeps) {
    this.#deps = deps;
  }

  /** The running server of centre `slug`, started now if need be; null if there is none. */
  get(slug: string): Promise<RunningServer | null> {
    if (this.#closed) return Promise.resolve(null);
    let server = this.#running.get(slug);
    if (!server) {
      server = this.#start(slug);
      this.#running.set(slug, server);
      // A centre that failed to start (the database away) is tried again at the next request;
      // one that does not exist too (it may be created meanwhile).
      server.then(
        (s) => {
          if (!s) this.#running.delete(slug);
        },
        () => this.#running.delete(slug),
      );
    }
    return server;
  }

  /** The centres started on this node so far. */
  async started(): Promise<{ slug: string; server: RunningServer }[]> {
    const out: { slug: string; server: RunningServer }[] = [];
    for (const [slug, p] of this.#running) {
      const server = await p.catch(() => null);
      if (server) out.push({ slug, server });
    }
    return out;
  }

  async #start(slug: string): Promise<RunningServer | null> {
    const { shared, logger } = this.#deps;
    const entry = await findCentre(shared.directory, slug);
    if (!entry) return null;
    const store = await shared.storeFor(entry.schema);
    try {
      const server = await startServer({
        ...this.#deps.server,
        dataDir: centreDataDir(this.#deps.dataDir, slug),
        store,
        listen: false,
        publicUrl: this.#deps.urlOf(slug),
        clusterChannel: `cg_${entry.schema}`,
        centreLabel: slug,
        logger: logger.child({ centre: slug }),
      });
      if (this.#closed) {
        await server.close();
        return null;
      }
      return server;
    } catch (err) {
      await store.close().catch(() => undefined);
      throw err;
    }
  }

  /** Closes every centre server (each gracefully: queued mutations are answered first). */
  async close(): Promise<void> {
    this.#closed = true;
    const all = await this.started();
    this.#running.clear();
    await Promise.all(all.map(({ server }) => server.close()));
  }
}
