/**
 * Sending from a relatives' page: `const send = useSend(); await send('signup.add', args)`. The
 * mutation goes to the outbox at once (so overlaid rows and `usePending` show it), and one small
 * notice follows the server's answer: "Sendt" when applied, "Gemt på telefonen – sendes, når der
 * er forbindelse" while offline. A refusal is shown by the frame from the rejections table in
 * plain words ("Det gik ikke: …"), also after a reload.
 *
 * Rejects at once (nothing stored) when `args` fail the mutation's schema: a programming error.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { create } from 'zustand';
import type { OutboxEntry } from '../../../client/index.js';
import type { MutationArgs, MutationName } from '../../../protocol/index.js';
import { useFamily } from './family-env.js';
import { useWords } from './lang.js';
import { shellWords } from './words.js';

export interface Notice {
  id: string;
  kind: 'sent' | 'queued';
  text: string;
}

interface Notices {
  list: Notice[];
  show: (n: Notice) => void;
  dismiss: (id: string) => void;
}

export const useNotices = create<Notices>((set) => ({
  list: [],
  // One at a time: on a phone a stack of notices would cover the page.
  show: (n) => set(() => ({ list: [n] })),
  dismiss: (id) => set((s) => ({ list: s.list.filter((n) => n.id !== id) })),
}));

export const SENT_NOTICE_MS = 4000;

export type Send = <N extends MutationName>(name: N, args: MutationArgs<N>) => Promise<string>;

export function useSend(): Send {
  const { actions, status } = useFamily();
  const w = useWords(shellWords);
  const show = useNotices((s) => s.show);
  const dismiss = useNotices((s) => s.dismiss);
  const online = status?.state === 'online';
  return useCallback<Send>(
    async (name, args) => {
      const id = await actions.mutate(name, args);
      if (!online) show({ id, kind: 'queued', text: w.send.queued });
      const offApplied = actions.on('applied', (e) => {
        if (e.id !== id) return;
        stop();
        show({ id, kind: 'sent', text: w.send.sent });
        setTimeout(() => dismiss(id), SENT_NOTICE_MS);
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
      return id;
    },
    [actions, online, w, show, dismiss],
  );
}

/**
 * The outbox entries not yet applied (optionally of some mutation names), live: a page marks the
 * row they concern "sendes, når der er forbindelse".
 */
export function usePending(names?: readonly MutationName[]): OutboxEntry[] {
  const { db } = useFamily();
  const key = names?.join(',') ?? '';
  return (
    useLiveQuery(
      async () =>
        (await db.outbox.toArray()).filter(
          (e) => e.state === 'pending' && (!names || names.includes(e.name)),
        ),
      [db, key],
    ) ?? []
  );
}
