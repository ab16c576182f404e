/**
 * The sync engine every front end uses: keeps the Dexie cache in step with the centre server and
 * sends the outbox. Rules it keeps (DESIGN.md, "Sync engine rules"):
 *
 * - Everything that reads or writes the cursor (pull pages, live pushes, resets, storage
 *   recovery) runs one task at a time (see `Puller`), so two of them can never race into a wrong
 *   cursor. A mutation's answer never sets the cursor; it only asks for a pull.
 * - On every (re)connect it pulls from its stored cursor; socket.io's connection-state recovery
 *   and buffers are never relied on.
 * - The outbox is sent strictly in order, one mutation at a time (see `Sender`).
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  HEALTH_EVERY_MS,
  PROTOCOL_VERSION,
  PULL_DEFAULT_LIMIT,
  PULL_MAX_LIMIT,
  SYNC_NAMESPACE,
  type ClientToServerEvents,
  type MutationArgs,
  type MutationName,
  type ServerToClientEvents,
  type KioskHealth,
} from '../protocol/index.js';
import { parseWelcome } from './answers.js';
import { type CacheDb, type Rejection, readLastSyncedAt, requestPersistentStorage } from './db.js';
import { Emitter } from './emitter.js';
import { Puller } from './puller.js';
import { Sender } from './sender.js';
import {
  backoffDelay,
  type Backoff,
  DEFAULT_BACKOFF,
  deferred,
  errorMessage,
  isRecord,
  type Logger,
} from './util.js';
import type { SyncEvents, SyncStatus } from './types.js';
import { parseUnlockResult, unlockOffline, type UnlockResult } from './unlock.js';

export type SyncSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SocketFactory = (
  url: string,
  opts: Partial<ManagerOptions & SocketOptions>,
) => SyncSocket;

export interface SyncEngineOptions {
  /** The centre server's origin, e.g. `https://guide.example.dk` (the namespace is appended). */
  url: string;
  /**
   * A kiosk's device token or a user's session token; null for a browser page of a person, whose
   * socket authenticates by its session cookie (sent by the browser with the handshake).
   */
  token: string | null;
  /** What this client runs, sent in the handshake as `auth.app` (staff see a kiosk's version). */
  app?: string;
  db: CacheDb;
  socketFactory?: SocketFactory;
  /** How long to wait for any acknowledgement before treating it as lost (default 5000). */
  ackTimeoutMs?: number;
  /** Retry delays for mutations, failed pulls and manual reconnects (default 1 s … 30 s). */
  backoff?: Backoff;
  /** Changes per pull page (default and max per protocol: 500 / 1000). */
  pullLimit?: number;
  random?: () => number;
  now?: () => Date;
  logger?: Logger;
  /**
   * A kiosk in the Electron shell: its health, sent as `kiosk.health` at every welcome and every
   * `HEALTH_EVERY_MS` while connected, and what to do on staff's `kiosk.reload`.
   */
  shell?: KioskShell;
}

export interface KioskShell {
  health(): KioskHealth | null;
  reload(): void;
  /**
   * The server refused this kiosk's token (`unauthorized`): staff removed it, and the server
   * closed its socket. The shell checks the token itself and shows its calm "removed" screen.
   */
  unauthorized?(): void;
}

const DISCONNECTED = Symbol('disconnected');

const defaultSocketFactory: SocketFactory = (url, opts) => io(url, opts);

export class SyncEngine {
  readonly db: CacheDb;
  private readonly opts: Required<Omit<SyncEngineOptions, 'logger' | 'db' | 'shell'>>;
  private readonly shell: KioskShell | null;
  private healthTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly log: Logger;
  private readonly events: Emitter<SyncEvents>;
  private readonly sender: Sender;
  private socket: SyncSocket | null = null;
  private running = false;
  private status: SyncStatus = {
    state: 'offline',
    offlineSince: null,
    lastSyncedAt: null,
    pending: 0,
    stuck: 0,
    role: null,
    centreId: null,
  };
  private readonly puller: Puller;
  private connectFailures = 0;
  /** Changes from the server this client's schemas refused since start (see remote.ts). */
  private refused = 0;
  private lost: { promise: Promise<typeof DISCONNECTED>; resolve: () => void } = lostSignal();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(options: SyncEngineOptions) {
    this.db = options.db;
    this.shell = options.shell ?? null;
    this.log = options.logger ?? {};
    this.opts = {
      url: options.url,
      token: options.token,
      app: options.app ?? '',
      socketFactory: options.socketFactory ?? defaultSocketFactory,
      ackTimeoutMs: options.ackTimeoutMs ?? 5000,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      pullLimit: Math.min(options.pullLimit ?? PULL_DEFAULT_LIMIT, PULL_MAX_LIMIT),
      random: options.random ?? Math.random,
      now: options.now ?? (() => new Date()),
    };
    this.events = new Emitter<SyncEvents>((err) =>
      this.log.error?.('sync listener threw', { error: errorMessage(err) }),
    );
    const common = {
      db: this.db,
      log: this.log,
      now: this.opts.now,
      delay: (attempt: number) => backoffDelay(attempt, this.opts.backoff, this.opts.random),
      setTimer: (fn: () => void, ms: number) => this.setTimer(fn, ms),
    };
    const canTalk = (): boolean => this.running && this.socket?.connected === true;
    this.puller = new Puller({
      ...common,
      pullLimit: this.opts.pullLimit,
      canTalk,
      request: (req) => this.withDisconnect(this.ack().emitWithAck('pull', req)),
      setLastSyncedAt: (lastSyncedAt) => this.setStatus({ lastSyncedAt }),
      synced: (event) => this.events.emit('synced', event),
      refused: (count) => {
        this.refused += count;
      },
    });
    this.sender = new Sender({
      ...common,
      canSend: canTalk,
      request: (req) => this.withDisconnect(this.ack().emitWithAck('mutate', req)),
      requestPull: () => this.puller.requestPull(),
      makeRoom: () => this.puller.makeRoom(),
      emit: (event, payload) => this.events.emit(event, payload),
      setPending: (pending, stuck) => this.setStatus({ pending, stuck }),
    });
  }

  /** Opens the connection. Safe to call once; `stop()` then `start()` opens a fresh socket. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.setStatus({
      state: 'connecting',
      offlineSince: this.status.offlineSince ?? this.opts.now(),
    });
    requestPersistentStorage().catch((err: unknown) =>
      this.log.warn?.('persistent storage request failed', { error: errorMessage(err) }),
    );
    try {
      this.setStatus({ lastSyncedAt: await readLastSyncedAt(this.db) });
      await this.sender.refreshPending();
    } catch (err) {
      this.log.warn?.('could not read sync state', { error: errorMessage(err) });
    }
    if (!this.running) return;
    const socket = this.opts.socketFactory(this.opts.url + SYNC_NAMESPACE, {
      auth: {
        ...(this.opts.token === null ? {} : { token: this.opts.token }),
        protocol: PROTOCOL_VERSION,
        ...(this.opts.app ? { app: this.opts.app } : {}),
      },
      transports: ['websocket'],
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
    });
    this.socket = socket;
    socket.on('connect', () => this.onConnect());
    socket.on('disconnect', (reason) => this.onDisconnect(reason));
    socket.on('connect_error', (err) => this.onConnectError(err));
    socket.on('welcome', (w) => this.onWelcome(w));
    socket.on('changes', (push) => this.puller.onPush(push));
    socket.on('reset', (notice) => this.puller.onReset(notice));
    socket.on('kiosk.reload', () => this.shell?.reload());
    if (socket.connected) this.onConnect();
    else if (!socket.active) socket.connect();
  }

  /** Closes the connection and waits for the cursor work in progress to finish. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.puller.forgetRetry();
    const socket = this.socket;
    this.socket = null;
    socket?.removeAllListeners();
    socket?.disconnect();
    this.lost.resolve();
    this.sender.wake();
    if (this.status.state === 'online' || this.status.state === 'connecting')
      this.setStatus({
        state: 'offline',
        offlineSince: this.status.offlineSince ?? this.opts.now(),
      });
    await this.puller.idle();
  }

  /**
   * Queues a mutation (written to the outbox first, so it survives a reload) and starts sending.
   * Resolves with its id once it is safely stored; the server's answer comes later as an
   * 'applied' or 'rejected' event. Rejects at once if `args` fail the mutation's schema.
   */
  mutate<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<string> {
    return this.sender.mutate(name, args);
  }

  /**
   * Asks the server whether `pin` opens this resident's personal view. Never queued: a PIN typed
   * now is answered now, or `offline` at once when there is no connection (or no answer within
   * the ack time-out), so the kiosk can say it needs the network.
   */
  async unlockResident(residentId: string, pin: string): Promise<UnlockResult> {
    if (!this.running || !this.socket?.connected)
      return unlockOffline('No connection to the server: a PIN can only be checked online.');
    try {
      const answer: unknown = await this.withDisconnect(
        this.ack().emitWithAck('resident.unlock', { residentId, pin }),
      );
      return parseUnlockResult(answer);
    } catch (err) {
      this.log.warn?.('resident.unlock got no answer', { error: errorMessage(err) });
      return unlockOffline('The server did not answer: try again when the connection is back.');
    }
  }

  /** How many changes from the server were refused as unreadable since start (also logged). */
  refusedChanges(): number {
    return this.refused;
  }

  getStatus(): SyncStatus {
    return { ...this.status };
  }

  /** Calls `listener` with the new status whenever it changes. Returns the unsubscribe. */
  subscribe(listener: (status: SyncStatus) => void): () => void {
    return this.events.on('status', listener);
  }

  on<K extends keyof SyncEvents>(event: K, listener: (payload: SyncEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Rejected mutations the user has not dismissed yet, oldest first. */
  async rejections(): Promise<Rejection[]> {
    return this.sender.rejections();
  }

  async dismissRejection(id: string): Promise<void> {
    await this.db.rejections.delete(id);
  }

  /** Pulls now (e.g. when the screen wakes up). Resolves when that pull has run. */
  syncNow(): Promise<void> {
    return this.puller.requestPull();
  }

  // ---- connection ------------------------------------------------------------------------

  private onConnect(): void {
    if (!this.running) return;
    this.connectFailures = 0;
    this.lost = lostSignal();
    this.setStatus({ state: 'online', offlineSince: null });
    this.puller.connected();
    void this.puller.requestPull();
    this.sender.kick();
    this.sender.wake();
  }

  private onDisconnect(reason: string): void {
    this.lost.resolve();
    if (!this.running) return;
    if (this.status.state === 'online' || this.status.state === 'connecting')
      this.setStatus({
        state: 'offline',
        offlineSince: this.status.offlineSince ?? this.opts.now(),
      });
    // The server closed us (restart, revoked kiosk): socket.io will not reconnect by itself.
    if (reason === 'io server disconnect') this.scheduleReconnect();
  }

  private onConnectError(err: Error): void {
    const data = (err as Error & { data?: unknown }).data;
    const code = isRecord(data) ? data.code : undefined;
    if (code === 'unauthorized' || code === 'protocol_mismatch') {
      // Final until someone re-enrols or updates the kiosk: retrying would only hammer the server.
      this.log.error?.('connection refused', { code });
      this.socket?.disconnect();
      this.setStatus({ state: code, offlineSince: this.status.offlineSince ?? this.opts.now() });
      if (code === 'unauthorized') this.shell?.unauthorized?.();
      return;
    }
    this.log.warn?.('connect error', { error: err.message, code });
    this.setStatus({ state: 'offline', offlineSince: this.status.offlineSince ?? this.opts.now() });
    // The server asked us to wait (a cool-off after this token sent far too much): not sooner.
    const wait = isRecord(data) && typeof data.retryAfterMs === 'number' ? data.retryAfterMs : 0;
    // A middleware error of another kind leaves socket.io inactive; keep trying, jittered.
    if (this.socket && !this.socket.active) this.scheduleReconnect(wait);
  }

  private scheduleReconnect(atLeastMs = 0): void {
    this.connectFailures++;
    const delay = backoffDelay(this.connectFailures, this.opts.backoff, this.opts.random);
    this.setTimer(
      () => {
        const s = this.socket;
        if (this.running && s && !s.active) s.connect();
      },
      Math.max(delay, Math.min(atLeastMs, 60_000)),
    );
  }

  private onWelcome(w: unknown): void {
    const welcome = parseWelcome(w);
    if (!welcome) {
      this.log.warn?.('malformed welcome ignored');
      return;
    }
    this.setStatus({ role: welcome.role, centreId: welcome.centreId });
    this.puller.onWelcome(welcome.identity, welcome.head);
    this.reportHealth();
  }

  /** Sends the shell's health now and again every few minutes (one chain per connection). */
  private reportHealth(): void {
    if (this.healthTimer) clearTimeout(this.healthTimer);
    this.healthTimer = null;
    const health = this.shell?.health();
    if (!health || !this.socket?.connected) return;
    this.ack()
      .emitWithAck('kiosk.health', health)
      .catch(() => undefined); // lost or refused: the next report says it again
    this.healthTimer = this.setTimer(() => this.reportHealth(), HEALTH_EVERY_MS);
  }

  // ---- plumbing ---------------------------------------------------------------------------

  /** The socket with this engine's acknowledgement time-out applied. */
  private ack(): ReturnType<SyncSocket['timeout']> {
    if (!this.socket) throw new Error('not connected');
    return this.socket.timeout(this.opts.ackTimeoutMs);
  }

  /** Waits for an acknowledgement, failing at once if the connection drops meanwhile. */
  private async withDisconnect<T>(ack: Promise<T>): Promise<T> {
    const res = await Promise.race([ack, this.lost.promise]);
    if (res === DISCONNECTED) throw new Error('disconnected while waiting for the answer');
    return res;
  }

  private setTimer(fn: () => void, ms: number): ReturnType<typeof setTimeout> {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    const next = { ...this.status, ...patch };
    const changed = (Object.keys(next) as (keyof SyncStatus)[]).some((k) => {
      const a = this.status[k];
      const b = next[k];
      return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
    });
    this.status = next;
    if (changed) this.events.emit('status', this.getStatus());
  }
}

function lostSignal(): { promise: Promise<typeof DISCONNECTED>; resolve: () => void } {
  const { promise, resolve } = deferred<typeof DISCONNECTED>();
  return { promise, resolve: () => resolve(DISCONNECTED) };
}
