/**
 * The small notice that follows a write through the outbox, whatever the front end: one notice at
 * a time (a row of them after a burst of writes would cover the page on a phone); while offline a
 * "queued" one at once; when the server applies the write a "done" one, gone after
 * DONE_NOTICE_MS; when it refuses, the notice goes (the frame shows the refusal from the
 * rejections table, also after a reload). The words are each front end's (staff: save.ts,
 * relatives: send.ts).
 */
import { create } from 'zustand';
import type { WriteActions } from './actions.js';

export interface Notices<N extends { id: string }> {
  list: N[];
  show: (n: N) => void;
  dismiss: (id: string) => void;
}

/** A front end's notice store (a zustand hook; its frame shows `list`). */
export function createNotices<N extends { id: string }>() {
  return create<Notices<N>>((set) => ({
    list: [],
    show: (n) => set(() => ({ list: [n] })),
    dismiss: (id) => set((s) => ({ list: s.list.filter((n) => n.id !== id) })),
  }));
}

/** How long the "done" notice stays ("Gemt", "Sendt"). */
export const DONE_NOTICE_MS = 4000;

export interface FollowAnswer<N extends { id: string }> {
  online: boolean;
  /** Shown at once while offline. */
  queued: N;
  /** Shown when the server has applied the write. */
  done: N;
  show: (n: N) => void;
  dismiss: (id: string) => void;
}

/** Follows outbox entry `id` until the server answers it, showing and taking its notice. */
export function followAnswer<N extends { id: string }>(
  actions: Pick<WriteActions, 'on'>,
  id: string,
  { online, queued, done, show, dismiss }: FollowAnswer<N>,
): void {
  if (!online) show(queued);
  const offApplied = actions.on('applied', (e) => {
    if (e.id !== id) return;
    stop();
    show(done);
    setTimeout(() => dismiss(id), DONE_NOTICE_MS);
  });
  const offRejected = actions.on('rejected', (r) => {
    if (r.id !== id) return;
    stop();
    dismiss(id);
  });
  function stop() {
    offApplied();
    offRejected();
  }
}
