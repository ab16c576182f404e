/**
 * Test fakes for the sync engine: a socket that behaves like socket.io-client's as far as the
 * engine uses it, and a tiny in-memory server speaking protocol v1 (change log, paginated pull,
 * mutation dedupe by id). Tests drive them by hand: open/drop the connection, lose acks, push.
 */
import type { EntityType, SignUp } from '../domain/model.js';
import { signUpId } from '../domain/model.js';
import type {
  Change,
  MutateRequest,
  MutateResult,
  PullRequest,
  PullResult,
} from '../protocol/index.js';
import type { SyncSocket } from './engine.js';

type Handler = (...args: unknown[]) => void;

/** Returned by `FakeServer.decide`: the server committed, but the acknowledgement is lost. */
export const LOSE_ACK = Symbol('lose ack');
/** Returned by `FakeServer.decide`: the server never answers and commits nothing. */
export const NO_ANSWER = Symbol('no answer');
type Decision = MutateResult | typeof LOSE_ACK | typeof NO_ANSWER | Promise<MutateResult>;

export class FakeSocket {
  connected = false;
  active = false;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly waiting = new Set<(err: Error) => void>();

  constructor(readonly server: FakeServer) {}

  on(event: string, fn: Handler): this {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(fn);
    return this;
  }

  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }

  connect(): this {
    this.active = true;
    setTimeout(() => this.server.handshake(this), 0);
    return this;
  }

  disconnect(): this {
    this.active = false;
    if (this.connected) this.lose('io client disconnect');
    return this;
  }

  timeout(ms: number): { emitWithAck: (event: string, payload: unknown) => Promise<unknown> } {
    return { emitWithAck: (event, payload) => this.emitWithAck(event, payload, ms) };
  }

  /** The server side of the handshake accepted us. */
  open(): void {
    this.connected = true;
    this.active = true;
    this.fire('connect');
  }

  /** The network dropped (socket.io would keep reconnecting: `active` stays true). */
  drop(reason = 'transport close'): void {
    if (this.connected) this.lose(reason);
  }

  fire(event: string, ...args: unknown[]): void {
    for (const fn of [...(this.handlers.get(event) ?? [])]) fn(...args);
  }

  asSocket(): SyncSocket {
    return this as unknown as SyncSocket;
  }

  private lose(reason: string): void {
    this.connected = false;
    for (const reject of this.waiting) reject(new Error('socket has been disconnected'));
    this.waiting.clear();
    this.fire('disconnect', reason);
  }

  private emitWithAck(event: string, payload: unknown, ms: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(fail);
        reject(new Error('operation has timed out'));
      }, ms);
      const fail = (err: Error): void => {
        clearTimeout(timer);
        reject(err);
      };
      this.waiting.add(fail);
      if (!this.connected) return; // buffered, then timed out: like socket.io
      setTimeout(() => {
        void Promise.resolve(this.server.handle(this, event, payload)).then((answer) => {
          if (answer === LOSE_ACK || answer === NO_ANSWER || !this.waiting.has(fail)) return;
          this.waiting.delete(fail);
          clearTimeout(timer);
          resolve(answer);
        });
      }, 0);
    });
  }
}

export const signUpRow = (
  activityId: string,
  residentId: string,
  status: SignUp['status'] = 'confirmed',
): SignUp => ({
  id: signUpId(activityId, residentId),
  activityId,
  residentId,
  status,
  position: null,
  order: 1,
  source: 'kiosk',
  updatedAt: '2026-11-24T09:00:00.000Z',
});

export class FakeServer {
  readonly log: Change[] = [];
  readonly sockets = new Set<FakeSocket>();
  /** Every mutate the server received, retries included, in arrival order. */
  readonly received: MutateRequest[] = [];
  /** Every pull request, in order. */
  readonly pulls: PullRequest[] = [];
  /** When set, the next handshakes fail with `connect_error` carrying this code. */
  refuse: string | null = null;
  /** With `refuse`: the `retryAfterMs` the refusal carries (a cool-off), if any. */
  refuseRetryAfterMs: number | null = null;
  /** When each handshake was attempted (`performance.now()`). */
  readonly handshakes: number[] = [];
  /** When false, connect() does nothing (the server is down). */
  up = true;
  /**
   * Ms after `connect` that `welcome` comes; null: at once. Over a real network it comes a moment
   * later, once the client's first pull is under way.
   */
  welcomeAfterMs: number | null = null;
  /** Runs once a socket is connected, before its welcome is sent (a commit in between). */
  onOpen: (() => void) | null = null;
  /** Welcomes sent so far. */
  welcomes = 0;
  /** The view key every page and push carries; change it to act out a consent change. */
  view = 'view-1';
  /** The database identity `welcome` carries; change it to act out a restore from backup. */
  identity = 'db-1';
  /** Push every committed change to the connected sockets. */
  autoPush = false;
  private readonly answers = new Map<string, MutateResult>();

  /** How to decide a mutation; the default applies sign-ups and cancellations. */
  decide: (req: MutateRequest) => Decision = (req) => this.applyDefault(req);

  get head(): number {
    return this.log.at(-1)?.seq ?? 0;
  }

  append(type: EntityType, id: string, op: 'put' | 'del', data?: Record<string, unknown>): Change {
    const change: Change = data
      ? { seq: this.head + 1, type, id, op, data }
      : { seq: this.head + 1, type, id, op };
    this.log.push(change);
    return change;
  }

  socket(): FakeSocket {
    const s = new FakeSocket(this);
    this.sockets.add(s);
    return s;
  }

  handshake(s: FakeSocket): void {
    if (!this.up || !s.active) return;
    this.handshakes.push(performance.now());
    if (this.refuse) {
      s.active = false; // a middleware error: socket.io does not retry by itself
      s.fire(
        'connect_error',
        Object.assign(new Error(this.refuse), {
          data:
            this.refuseRetryAfterMs === null
              ? { code: this.refuse }
              : { code: this.refuse, retryAfterMs: this.refuseRetryAfterMs },
        }),
      );
      return;
    }
    s.open();
    // The head as read when the connection was accepted, as the real server's welcome says it.
    const head = this.head;
    this.onOpen?.();
    const welcome = (): void => {
      this.welcomes += 1;
      s.fire('welcome', {
        protocol: 1,
        role: 'kiosk',
        centreId: 'c1',
        serverTime: new Date().toISOString(),
        identity: this.identity,
        head,
      });
    };
    if (this.welcomeAfterMs === null) welcome();
    else setTimeout(welcome, this.welcomeAfterMs);
  }

  /** Sends a live push of the changes after `after` to every connected socket. */
  push(after: number, to: Iterable<FakeSocket> = this.sockets): void {
    const changes = this.log.filter((c) => c.seq > after);
    for (const s of to)
      if (s.connected) s.fire('changes', { after, cursor: this.head, changes, view: this.view });
  }

  handle(_s: FakeSocket, event: string, payload: unknown): unknown {
    if (event === 'pull') {
      const req = payload as PullRequest;
      this.pulls.push(req);
      const limit = req.limit ?? 500;
      const rest = this.log.filter((c) => c.seq > req.since);
      const changes = rest.slice(0, limit);
      const more = rest.length > limit;
      const res: PullResult = {
        changes,
        cursor: more ? (changes.at(-1)?.seq ?? req.since) : this.head,
        more,
        view: this.view,
      };
      return res;
    }
    const req = payload as MutateRequest;
    this.received.push(req);
    const first = this.answers.get(req.id);
    if (first) return first;
    const before = this.head;
    const decision = this.decide(req);
    if (decision === NO_ANSWER) return NO_ANSWER;
    const commit = (answer: MutateResult): MutateResult => {
      // A "retry" decided nothing: the same id is decided afresh next time, as the server does.
      if (answer.status !== 'retry') this.answers.set(req.id, answer);
      if (this.autoPush && this.head > before) this.push(before);
      return answer;
    };
    if (decision === LOSE_ACK) {
      commit({ status: 'applied', cursor: this.head });
      return LOSE_ACK;
    }
    return decision instanceof Promise ? decision.then(commit) : commit(decision);
  }

  /** signup.add / signup.cancel: one change each. Anything else: applied, no change. */
  applyDefault(req: MutateRequest): MutateResult {
    const { activityId, residentId } = req.args as { activityId: string; residentId: string };
    if (req.name === 'signup.add' || req.name === 'signup.cancel') {
      const status = req.name === 'signup.add' ? 'confirmed' : 'cancelled';
      this.append(
        'signup',
        signUpId(activityId, residentId),
        'put',
        signUpRow(activityId, residentId, status),
      );
    }
    return { status: 'applied', cursor: this.head };
  }
}
