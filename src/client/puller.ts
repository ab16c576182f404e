/**
 * The cursor work of the sync engine: pulls, live pushes, resets and storage recovery.
 *
 * Everything here reads or writes the cursor, so it all runs one task at a time on `serial`: a
 * push can never be applied on top of a half-done pull, and a reset can never be overtaken by a
 * page pulled before it. A mutation's answer never writes the cursor; it only asks for a pull
 * (storing the answer's cursor would skip the changes between ours and it).
 */
import type { Change, ChangesPush, PullRequest, ResetNotice } from '../protocol/index.js';
import { applyChanges, isStorageLostError } from './apply.js';
import { isChangesPush } from './answers.js';
import { type CacheDb, clearCache, readCursor, readMetaText } from './db.js';
import { PageStream } from './page-stream.js';
import type { SyncedEvent } from './types.js';
import { errorMessage, type Logger } from './util.js';

/** What the puller needs from the engine around it. */
export interface PullerHost {
  db: CacheDb;
  log: Logger;
  now: () => Date;
  pullLimit: number;
  /** Backoff delay before retry number `attempt` (1-based). */
  delay: (attempt: number) => number;
  /** Connected and running. */
  canTalk: () => boolean;
  /** Sends a pull and resolves with the raw answer; rejects on time-out or disconnect. */
  request: (req: PullRequest) => Promise<unknown>;
  setTimer: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
  /** The cache caught up (`at`), or was emptied (`null`). */
  setLastSyncedAt: (at: Date | null) => void;
  synced: (event: SyncedEvent) => void;
  /** Changes the client's schemas refused (remote.ts), for the count the engine keeps. */
  refused: (count: number) => void;
}

/** How often one pull may start over because the view key changed under it, before backing off. */
const MAX_RESTARTS = 3;

/**
 * Most changes one transaction of queued pushes carries (a pull page is at most 1,000): large
 * enough that a burst costs a handful of commits, small enough that one never holds the cache's
 * readers back for long.
 */
export const MAX_PUSH_CHANGES = 5000;

/**
 * Most changes a pull asks for ahead of writing, and so about the most one of its transactions
 * writes (plus the page in flight): a few commits for a centre's year, a bounded amount in memory.
 */
export const MAX_PULL_BATCH = 5000;

export class Puller {
  /** The tail of the one-at-a-time queue of cursor work. */
  private chain: Promise<void> = Promise.resolve();
  private pullQueued = false;
  /** Pushes waiting for the task queued last, while that task has not started (see onPush). */
  private openGroup: ChangesPush[] | null = null;
  private failures = 0;
  private recovering = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Counts connections; `pulledIn` is the one whose pull last completed. */
  private connection = 0;
  private pulledIn = -1;

  constructor(private readonly host: PullerHost) {}

  /** Resolves when the cursor work queued so far has finished. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Forgets a scheduled retry (its timer was cleared by the engine on stop). */
  forgetRetry(): void {
    this.retryTimer = null;
  }

  /** A new connection: its first pull and its `welcome` follow. */
  connected(): void {
    this.connection += 1;
  }

  /** Queues a pull; requests made before a queued pull starts share it. */
  requestPull(): Promise<void> {
    if (this.pullQueued) return this.chain;
    this.pullQueued = true;
    return this.serial(async () => {
      this.pullQueued = false;
      await this.pullNow();
    });
  }

  /**
   * A live push: applied only if it follows on from our cursor, otherwise we pull.
   *
   * Pushes that arrive before their task starts join one group and are applied together (see
   * `applyPushes`): a staff burst of 2,000 mutations comes as up to 2,000 pushes, and one
   * transaction each (an IndexedDB commit, then every screen's live queries re-run and render)
   * held a kiosk at a few hundred changes a second. Any other cursor task queued meanwhile
   * closes the group, so pushes never overtake a reset or a pull queued between them.
   */
  onPush(push: unknown): void {
    if (!isChangesPush(push)) {
      this.host.log.warn?.('malformed push ignored');
      return;
    }
    if (this.openGroup) {
      this.openGroup.push(push);
      return;
    }
    const group = [push];
    void this.serial(async () => {
      if (this.openGroup === group) this.openGroup = null; // later pushes: the next task
      await this.applyPushes(group);
    });
    this.openGroup = group;
  }

  /**
   * Applies the pushes of a group that follow on from the cursor, one after another, in as few
   * transactions as `MAX_PUSH_CHANGES` allows, each storing the cursor of its last push. The
   * first push that does not follow on (a gap, or projected under another view key) ends the
   * run: a pull fills in from the cursor, and finds the later pushes' changes too.
   */
  private async applyPushes(group: readonly ChangesPush[]): Promise<void> {
    try {
      let cursor = await readCursor(this.host.db);
      const view = await readMetaText(this.host.db, 'view');
      let run: ChangesPush[] = [];
      let size = 0;
      const flush = async (): Promise<void> => {
        const last = run.at(-1);
        if (!last) return;
        const changes = run.length === 1 ? last.changes : run.flatMap((p) => p.changes);
        run = [];
        size = 0;
        const now = this.host.now();
        await this.apply(changes, last.cursor, { caughtUp: true, now, view: last.view });
        this.synced(last.cursor);
      };
      for (const push of group) {
        if (push.view !== view) {
          // Projected under other facts than our cache: the pull finds out and starts over.
          void this.requestPull();
          break;
        } else if (push.after === cursor) {
          if (size > 0 && size + push.changes.length > MAX_PUSH_CHANGES) await flush();
          run.push(push);
          size += push.changes.length;
          cursor = push.cursor;
        } else if (push.cursor > cursor) {
          // We missed something in between (or are mid-reset): the pull by cursor fills the gap.
          void this.requestPull();
          break;
        } // else: an earlier pull already brought these changes.
      }
      await flush();
    } catch (err) {
      if (isStorageLostError(err)) return this.recoverStorage(err);
      this.host.log.warn?.('push not applied, pulling instead', { error: errorMessage(err) });
      void this.requestPull();
    }
  }

  /** The visible set changed on the server: drop the cache (never the outbox), pull from 0. */
  onReset(notice?: ResetNotice): void {
    void this.serial(async () => {
      try {
        // A pull that ran after the change already rebuilt the cache under the new key.
        if (notice?.view && notice.view === (await readMetaText(this.host.db, 'view'))) return;
        await this.dropCache();
      } catch (err) {
        if (isStorageLostError(err)) return this.recoverStorage(err);
        throw err;
      }
      await this.pullNow();
    });
  }

  /**
   * `welcome`: the server's database identity and head. Another identity than the one the cache
   * was built from (a restore from backup), or a head below our cursor (the log went back), means
   * the cache follows a log that is gone: drop it (never the outbox) and pull from 0.
   */
  onWelcome(identity: string, head: number): void {
    void this.serial(async () => {
      const { db } = this.host;
      try {
        const known = await readMetaText(db, 'identity');
        const cursor = await readCursor(db);
        // `head` is the head when the connection was accepted. A pull of this connection that
        // ran before this task (the first one does) may have taken the cursor past it with
        // changes committed since: that cursor is this server's, not a log gone back (a pull
        // sees that by itself, `res.cursor < since`). Starting over then would make every kiosk
        // pull everything again at each reconnect while staff are writing.
        const behind = cursor > head && this.pulledIn !== this.connection;
        if ((known !== null && known !== identity) || behind) {
          this.host.log.warn?.('the server database changed (restored): rebuilding the cache', {
            known,
            identity,
            cursor,
            head,
          });
          await this.dropCache();
          await db.meta.put({ key: 'identity', value: identity });
          await this.pullNow();
        } else if (known === null) await db.meta.put({ key: 'identity', value: identity });
      } catch (err) {
        if (isStorageLostError(err)) return this.recoverStorage(err);
        throw err;
      }
    });
  }

  /** Empties the cache to free space for the outbox; a pull refills it later. */
  makeRoom(): Promise<void> {
    return this.serial(() => this.dropCache());
  }

  private serial(task: () => Promise<void>): Promise<void> {
    // A task queued after a group of pushes closes it: later pushes wait behind this task.
    this.openGroup = null;
    const run = this.chain.then(task).catch((err: unknown) => {
      this.host.log.error?.('sync task failed', { error: errorMessage(err) });
    });
    this.chain = run;
    return run;
  }

  private async dropCache(): Promise<void> {
    await clearCache(this.host.db);
    this.host.setLastSyncedAt(null);
  }

  /**
   * Pulls page after page until the server says there is no more. Runs only on `serial`.
   *
   * The pages are asked for ahead of writing (page-stream.ts), and every page that has come while
   * the one before was written goes into the next transaction, together with the cursor of the
   * last of them: a crash mid-pull resumes from a committed cursor, as with one page at a time.
   */
  private async pullNow(): Promise<void> {
    const { db, log } = this.host;
    let stream: PageStream | null = null;
    /** The transaction of the pages taken last, while it may still be committing. */
    let writing: Promise<void> | null = null;
    try {
      if (!this.host.canTalk()) return;
      // Applied mutations answered before this pull began: once it ends, the cache holds them.
      const applied = await db.outbox.filter((e) => e.state === 'applied').toArray();
      const settle = new Set(applied.map((e) => e.id));
      const connection = this.connection;
      let since = await readCursor(db);
      let view = await readMetaText(db, 'view');
      let restarts = 0;
      const open = (from: number): PageStream =>
        new PageStream(
          (at) => this.host.request({ since: at, limit: this.host.pullLimit }),
          from,
          () => this.host.canTalk(),
          MAX_PULL_BATCH,
        );
      stream = open(since);
      for (;;) {
        const pages = await stream.take();
        if (pages.length === 0) {
          await writing;
          return; // disconnected: the next connection pulls
        }
        let cursor = since;
        let caughtUp = false;
        let stalled = false;
        let restart = false;
        const changes: Change[] = [];
        for (const res of pages) {
          // The cache was built under another view key (consent, PINs or groups changed while
          // we were away, or the database was restored), or the server's log is behind our
          // cursor: what we hold may not be what we may see. Start over from 0; the outbox stays.
          if (cursor > 0 && (res.view !== view || res.cursor < cursor)) {
            restart = true;
            break;
          }
          view = res.view;
          for (const c of res.changes) changes.push(c);
          stalled = res.more && res.cursor <= cursor;
          cursor = res.cursor;
          caughtUp = !res.more;
          if (caughtUp || stalled) break;
        }
        if (restart) {
          await writing;
          writing = null;
          if (++restarts > MAX_RESTARTS) throw new Error('the view keeps changing; trying later');
          log.info?.('what this client may see changed: rebuilding the cache', { since, cursor });
          stream.stop();
          await this.dropCache();
          since = 0;
          view = null;
          stream = open(0);
          continue;
        }
        // Set by the first page taken (every batch has one).
        if (view === null) throw new Error('a pull page without a view key');
        const now = this.host.now();
        const opts = caughtUp ? { caughtUp, now, settle, view } : { caughtUp, now, view };
        // One transaction for the pages taken, their last cursor included. It follows on from the
        // one before, which may still be committing: the pages that come meanwhile are parsed
        // and handed to IndexedDB (cloned) while that one is written, not after. IndexedDB runs
        // the two in the order made, and this one aborts unless the one before left the cursor
        // where it was to.
        const previous = writing;
        writing = this.apply(changes, cursor, { ...opts, after: since });
        await previous;
        since = cursor;
        if (caughtUp) break;
        if (stalled) throw new Error(`pull made no progress at cursor ${since}`);
        if (!this.host.canTalk()) {
          await writing;
          return;
        }
      }
      await writing;
      writing = null;
      this.failures = 0;
      this.pulledIn = connection;
      this.synced(since);
    } catch (err) {
      if (isStorageLostError(err)) return this.recoverStorage(err);
      log.warn?.('pull failed', { error: errorMessage(err) });
      // Offline: the next connect pulls anyway. Online: try again, backing off.
      if (this.host.canTalk()) this.scheduleRetry();
    } finally {
      stream?.stop();
      // Gave up with a transaction still on its way: it ends (committed or aborted) before the
      // next cursor work starts; what went wrong with it was the error handled above.
      if (writing) await writing.catch(() => undefined);
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.failures++;
    this.retryTimer = this.host.setTimer(() => {
      this.retryTimer = null;
      void this.requestPull();
    }, this.host.delay(this.failures));
  }

  /**
   * Quota exceeded or the database evicted/closed under us (failure 11): empty the cache and the
   * cursor to make room, then rebuild by a full pull. The outbox stays. Runs on `serial`.
   */
  private async recoverStorage(cause: unknown): Promise<void> {
    const { db, log } = this.host;
    log.warn?.('storage failed, rebuilding the cache', { error: errorMessage(cause) });
    if (this.recovering) {
      // The rebuild itself failed the same way: try again later rather than spin.
      this.scheduleRetry();
      return;
    }
    this.recovering = true;
    try {
      if (!db.isOpen()) await db.open();
      await this.dropCache();
      await this.pullNow();
    } catch (err) {
      log.error?.('cache rebuild failed', { error: errorMessage(err) });
      this.scheduleRetry();
    } finally {
      this.recovering = false;
    }
  }

  private async apply(
    changes: readonly Change[],
    cursor: number,
    opts: Parameters<typeof applyChanges>[3],
  ): Promise<void> {
    const refused = await applyChanges(this.host.db, changes, cursor, opts);
    if (refused.length === 0) return;
    this.host.log.warn?.('changes refused: they do not fit this client', {
      count: refused.length,
      first: refused.slice(0, 3),
    });
    this.host.refused(refused.length);
  }

  private synced(cursor: number): void {
    const at = this.host.now();
    this.host.setLastSyncedAt(at);
    this.host.synced({ cursor, at });
  }
}
