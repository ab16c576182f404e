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
import type { OutboxEntry } from '../../../client/index.js';
import type { MutationArgs, MutationName } from '../../../protocol/index.js';
import { createNotices, followAnswer } from '../../shared/outbox/notices.js';
import { useFamily } from './family-env.js';
import { useWords } from './lang.js';
import { shellWords } from './words.js';

export interface Notice {
  id: string;
  kind: 'sent' | 'queued';
  text: string;
}

/** The frame's notices (one at a time, shared/outbox/notices.ts). */
export const useNotices = createNotices<Notice>();

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
      followAnswer(actions, id, {
        online,
        queued: { id, kind: 'queued', text: w.send.queued },
        done: { id, kind: 'sent', text: w.send.sent },
        show,
        dismiss,
      });
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
