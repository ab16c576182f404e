/**
 * Several nodes on one PostgreSQL database: socket.io's own PostgreSQL adapter joins their
 * socket.io servers (LISTEN/NOTIFY), so a room-wide `disconnectSockets` (a revoked kiosk, a
 * logout) reaches every node, and a node tells the others, in one tiny server-side event, that
 * the change log moved. Pushes themselves never cross: each node reads the log and pushes to its
 * own sockets (change-feed.ts, README.md).
 */
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Server } from 'socket.io';
import type { Logger } from '../logger.js';
import { withDefaultUser } from '../store/postgres.js';

/** The server-side event: "the change log reached this head". */
export const HEAD_EVENT = 'cg:head';
/** The server-side event: "refuse this token hash for this long, it flooded me". */
export const FLOODER_EVENT = 'cg:flooder';
/** The server-side question: "which kiosks are on at your node?" (sync/presence.ts). */
export const PRESENCE_EVENT = 'cg:presence';

/** The adapter's table for messages over NOTIFY's 8000 bytes (ours never are; it expects one). */
const ATTACHMENTS_TABLE = `
  create table if not exists socket_io_attachments (
    id bigserial unique,
    created_at timestamptz default now(),
    payload bytea
  )`;

/** Connections of one adapter at most: its LISTEN and one for its notices. */
export const ADAPTER_CONNECTIONS = 2;
/** The adapter's connections in pg_stat_activity. */
export const ADAPTER_APPLICATION_NAME = 'citizen-guide adapter';

/** A cool-off longer than this from another node is a mistake, not a flooder. */
const MAX_COOL_OFF_MS = 10 * 60_000;

export interface Cluster {
  /** Tells the other nodes the log reached `head` (coalesced: one message per turn). */
  announce(head: number): void;
  /** Called with each head another node announces (validated). */
  onHead(listener: (head: number) => void): void;
  /**
   * Asks every other node for its answer to `event` (what `answer` registered there); resolves
   * with the answers that came (a node that died meanwhile is missing after at most 5 s).
   */
  ask(event: string): Promise<unknown[]>;
  /** Answers other nodes' `ask(event)`. */
  answer(event: string, reply: () => unknown): void;
  /** Tells the other nodes a token flooded this one (sync/socket.ts). */
  flooder(tokenHash: string, ms: number): void;
  /** Called with each flooder another node tells of (validated). */
  onFlooder(listener: (tokenHash: string, ms: number) => void): void;
  /** After `io.close()`: ends the adapter's connections. */
  close(): Promise<void>;
}

/** pg_advisory_xact_lock key for making the adapter's table ("CG" 0x0002), unlike our others. */
const TABLE_LOCK = 0x43470002;

/**
 * Makes the adapter's table if it is not there. Nodes start at once (a deployment, a restart
 * after an outage): `create table if not exists` is not safe against itself in PostgreSQL (two
 * sessions both see no table and one fails on the table's row type, "type already exists", or on
 * its sequence), so the check and the create hold one advisory lock.
 */
export async function ensureAttachmentsTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1)', [TABLE_LOCK]);
    await client.query(ATTACHMENTS_TABLE);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function attachCluster(
  io: Server,
  url: string,
  logger: Logger,
  /** The NOTIFY channels' prefix (default socket.io's): a centre's own in a municipal deployment. */
  channelPrefix?: string,
): Promise<Cluster> {
  // Its own small pool: the adapter holds one connection for LISTEN for as long as it runs, and
  // sends its notices (a few bytes each, one at a time is plenty) over the other, which pg-pool
  // closes after 10 s unused. A municipal node runs one adapter per centre (README.md's budget).
  const pool = new pg.Pool({
    connectionString: withDefaultUser(url),
    max: ADAPTER_CONNECTIONS,
    application_name: ADAPTER_APPLICATION_NAME,
  });
  pool.on('error', (err) => logger.warn({ err }, 'cluster adapter: an idle connection failed'));
  // The LISTEN connection is checked out of the pool for good, and pg-pool takes its error
  // listener off checked-out connections: without this one, a dropped connection (a database
  // restart, pg_terminate_backend) would be an unhandled 'error' event and end the process.
  // The adapter sees the connection end and makes a new one, but never gives the dead one back
  // to the pool, which then counts it as in use for ever (and `pool.end()` waits for it): so it
  // is given back here, as broken, which removes it.
  pool.on('connect', (client) => {
    client.on('error', (err) =>
      logger.warn({ err }, 'cluster adapter: connection lost; the adapter reconnects'),
    );
    client.on('end', () => {
      try {
        // Set only while checked out (typed as always there).
        if (typeof (client.release as unknown) === 'function') client.release(true);
      } catch {
        // Given back already (an idle connection the pool itself ended).
      }
    });
  });
  try {
    await ensureAttachmentsTable(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  io.adapter(
    createAdapter(pool, {
      ...(channelPrefix ? { channelPrefix } : {}),
      errorHandler: (err: Error) => logger.warn({ err }, 'cluster adapter error'),
    }),
  );

  let latest = 0;
  let sent = 0;
  let scheduled = false;
  const send = (): void => {
    sent = latest;
    io.serverSideEmit(HEAD_EVENT, latest);
  };
  return {
    announce(head) {
      latest = Math.max(latest, head);
      if (latest <= sent) return;
      if (scheduled) return;
      // The first commit of a turn is said at once, before this node pushes it to its own
      // sockets (a push to thousands takes tens of milliseconds the other nodes need not wait);
      // the commits that land later in the same turn (a batch, a burst) are said once, after it.
      send();
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        if (latest > sent) send();
      });
    },
    onHead(listener) {
      io.on(HEAD_EVENT, (head: unknown) => {
        // Only nodes write to the channel, but a stray NOTIFY must not throw or mislead.
        if (typeof head === 'number' && Number.isSafeInteger(head) && head >= 0) listener(head);
        else logger.warn({ head }, 'cluster adapter: ignored a malformed head');
      });
    },
    ask(event) {
      return new Promise((resolve) => {
        // socket.io-adapter waits at most 5 s (its own constant), then passes an error and the
        // answers so far: those are the answer. A node found dead by the heartbeats (10 s) is
        // no longer waited for at all.
        io.serverSideEmit(event, (_err: Error | null, answers: unknown) =>
          resolve(Array.isArray(answers) ? (answers as unknown[]) : []),
        );
      });
    },
    answer(event, reply) {
      io.on(event, (...args: unknown[]) => {
        const ack = args[args.length - 1];
        if (typeof ack === 'function') (ack as (a: unknown) => void)(reply());
      });
    },
    flooder(tokenHash, ms) {
      io.serverSideEmit(FLOODER_EVENT, tokenHash, ms);
    },
    onFlooder(listener) {
      io.on(FLOODER_EVENT, (tokenHash: unknown, ms: unknown) => {
        if (
          typeof tokenHash === 'string' &&
          /^[0-9a-f]{64}$/.test(tokenHash) &&
          Number.isSafeInteger(ms) &&
          (ms as number) > 0 &&
          (ms as number) <= MAX_COOL_OFF_MS
        )
          listener(tokenHash, ms as number);
        else logger.warn('cluster adapter: ignored a malformed flooder notice');
      });
    },
    async close() {
      // The adapter's close message is still being sent: let it go before the pool ends.
      await new Promise((resolve) => setImmediate(resolve));
      await pool.end().catch((err: unknown) => logger.warn({ err }, 'cluster adapter close'));
    },
  };
}
