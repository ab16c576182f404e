/**
 * One chaos participant: the real client sync engine (`src/client`) over its own fake IndexedDB
 * (its own IDBFactory, as a separate device would have), talking to the server through a real
 * socket.io client. It records, per mutation id, when it was made, every answer that came back
 * on the wire (retries included) and the engine's final answer, each with the "epoch" (which
 * database the server had: a restore starts a new epoch), so the invariant checker can prove that
 * a retry got the first answer and that nothing acknowledged was lost.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { io } from 'socket.io-client';
import {
  CacheDb,
  readCursor,
  SyncEngine,
  type AppliedEvent,
  type Rejection,
  type SyncSocket,
} from '../../src/client/index.js';
import type { MutationArgs, MutationName } from '../../src/protocol/index.js';

/** An answer as the server sends it: `{ status: 'applied', cursor, result? }` or a rejection. */
export type Answer = Record<string, unknown>;

export interface Received {
  answer: Answer;
  epoch: number;
  /** performance.now() when it arrived. */
  at: number;
}

export interface Made {
  name: MutationName;
  args: Record<string, unknown>;
  epoch: number;
  at: number;
}

/** What the run is in: which database epoch, for stamping answers. */
export interface Clock {
  epoch(): number;
  /**
   * True when this answer should be lost on its way back (DESIGN.md failure case 1): the server
   * has committed the mutation, the client never hears it and retries the same id.
   */
  loseAnswer(): boolean;
}

export class ChaosClient {
  readonly engine: SyncEngine;
  readonly db: CacheDb;
  readonly made = new Map<string, Made>();
  /** Every answer received on the wire, per id (several when an id was sent again). */
  readonly wire = new Map<string, Received[]>();
  /** How many times each id was put on the wire. */
  readonly sends = new Map<string, number>();
  /** The engine's final answer per id ('applied' or 'rejected' event). */
  readonly finals = new Map<string, Received>();
  reconnects = 0;
  disconnects = 0;
  /** Answers the run threw away on arrival, as a lost acknowledgement. */
  answersLost = 0;
  private wasOnline = false;
  private everOnline = false;
  private socket: SyncSocket | null = null;
  private running = false;

  constructor(
    readonly name: string,
    readonly token: string,
    url: string,
    private readonly clock: Clock,
  ) {
    this.db = new CacheDb(`chaos-${name}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    this.engine = new SyncEngine({
      url,
      token,
      db: this.db,
      ackTimeoutMs: 3000,
      backoff: { baseMs: 100, maxMs: 2000 },
      socketFactory: (u, opts) => this.openSocket(u, opts),
    });
    this.engine.on('applied', (e) => this.settled(e.id, appliedAnswer(e)));
    this.engine.on('rejected', (r) => this.settled(r.id, rejectedAnswer(r)));
    this.engine.subscribe((s) => {
      if (s.state === 'online' && !this.wasOnline) {
        if (this.everOnline) this.reconnects += 1;
        this.everOnline = true;
      }
      this.wasOnline = s.state === 'online';
    });
  }

  get isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    this.running = true;
    await this.engine.start();
  }

  /** Stops the engine (its socket closes), as when a kiosk is switched off. */
  async stop(): Promise<void> {
    this.running = false;
    this.disconnects += 1;
    await this.engine.stop();
  }

  /** Drops the connection under the engine, as a network cut does; socket.io reconnects. */
  dropConnection(): boolean {
    const raw = this.socket;
    if (!raw?.connected) return false;
    this.disconnects += 1;
    raw.io.engine.close();
    return true;
  }

  async mutate<N extends MutationName>(name: N, args: MutationArgs<N>): Promise<string> {
    const at = performance.now();
    const epoch = this.clock.epoch();
    const id = await this.engine.mutate(name, args);
    this.made.set(id, { name, args: args, epoch, at });
    return id;
  }

  async cursor(): Promise<number> {
    return readCursor(this.db);
  }

  private settled(id: string, answer: Answer): void {
    this.finals.set(id, { answer, epoch: this.clock.epoch(), at: performance.now() });
  }

  /**
   * The real socket.io client with shorter reconnect delays than a kiosk uses (still jittered),
   * so the run settles quickly; every `mutate` and its answer is recorded on the way.
   */
  private openSocket(url: string, opts: Parameters<typeof io>[1]): SyncSocket {
    const socket = io(url, {
      ...opts,
      reconnectionDelay: 200,
      reconnectionDelayMax: 2000,
    }) as SyncSocket;
    const raw = socket as unknown as {
      emitWithAck: (event: string, ...args: unknown[]) => Promise<unknown>;
    };
    const send = raw.emitWithAck.bind(socket);
    raw.emitWithAck = async (event, ...args) => {
      const req = args[0] as { id?: unknown } | undefined;
      const id = event === 'mutate' && typeof req?.id === 'string' ? req.id : null;
      if (id) this.sends.set(id, (this.sends.get(id) ?? 0) + 1);
      const answer = await send(event, ...args);
      if (id) {
        const list = this.wire.get(id) ?? [];
        list.push({ answer: answer as Answer, epoch: this.clock.epoch(), at: performance.now() });
        this.wire.set(id, list);
        if (this.clock.loseAnswer()) {
          this.answersLost += 1;
          throw new Error('operation has timed out (the chaos run lost this answer)');
        }
      }
      return answer;
    };
    this.socket = socket;
    return socket;
  }
}

function appliedAnswer(e: AppliedEvent): Answer {
  return e.result
    ? { status: 'applied', cursor: e.cursor, result: e.result }
    : { status: 'applied', cursor: e.cursor };
}

function rejectedAnswer(r: Rejection): Answer {
  return r.reason
    ? { status: 'rejected', code: r.code, message: r.message, reason: r.reason }
    : { status: 'rejected', code: r.code, message: r.message };
}
