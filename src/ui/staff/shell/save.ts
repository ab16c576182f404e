/**
 * Saving from a staff page: `const save = useSave(); await save('news.put', args)`. The mutation
 * goes to the outbox at once (so the page's overlaid rows show it, see `useOverlaid`), and a
 * small notice follows the server's answer: "Gemt" when applied, "Gemt her. Sendes, når der er
 * forbindelse" while offline; a refusal ("Ikke gemt: …", the row has then gone back to the
 * server's version by itself) is shown by the frame from the rejections table, see refusals.tsx. An `undo` mutation, if given, is offered on the notice.
 *
 * Rejects at once (nothing stored) if `args` fail the mutation's schema: forms validate with the
 * same schema first, so that is a programming error, shown as a refusal.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import type { TFunction } from 'i18next';
import type { MutationArgs, MutationName, RejectionCode } from '../../../protocol/index.js';
import { useStaff } from './staff-env.js';

export interface Notice {
  id: string;
  kind: 'saved' | 'queued' | 'refused';
  text: string;
  undo?: (() => void) | undefined;
}

interface Notices {
  list: Notice[];
  show: (n: Notice) => void;
  dismiss: (id: string) => void;
}

export const useNotices = create<Notices>((set) => ({
  list: [],
  // One at a time: a row of "Gemt" after a burst of saves would cover the page on a phone.
  show: (n) => set(() => ({ list: [n] })),
  dismiss: (id) => set((s) => ({ list: s.list.filter((n) => n.id !== id) })),
}));

/** "Ikke gemt: <why>" in the page's language. */
export const refusedText = (t: TFunction<'staff'>, code: RejectionCode): string =>
  t('save.refused', { why: t(`refusedBecause.${code}`) });

/** How long "Gemt" stays; a refusal stays until dismissed. */
export const SAVED_NOTICE_MS = 4000;

export interface SaveOptions<U extends MutationName> {
  /** A mutation that puts things back, offered as "Fortryd" on the notice. */
  undo?: { name: U; args: MutationArgs<U> };
}

export type Save = <N extends MutationName, U extends MutationName = MutationName>(
  name: N,
  args: MutationArgs<N>,
  opts?: SaveOptions<U>,
) => Promise<string>;

export function useSave(): Save {
  const { actions, status } = useStaff();
  const { t } = useTranslation('staff');
  const show = useNotices((s) => s.show);
  const dismiss = useNotices((s) => s.dismiss);
  const online = status?.state === 'online';
  return useCallback<Save>(
    async (name, args, opts) => {
      let id: string;
      try {
        id = await actions.mutate(name, args);
      } catch {
        show({ id: `invalid-${Date.now()}`, kind: 'refused', text: refusedText(t, 'invalid') });
        throw new Error(`${name}: the arguments fail the mutation's schema`);
      }
      const undo = opts?.undo;
      const undoFn = undo
        ? () => {
            dismiss(id);
            void actions.mutate(undo.name, undo.args);
          }
        : undefined;
      if (!online) show({ id, kind: 'queued', text: t('save.queued'), undo: undoFn });
      const offApplied = actions.on('applied', (e) => {
        if (e.id !== id) return;
        stop();
        show({ id, kind: 'saved', text: t('save.saved'), undo: undoFn });
        setTimeout(() => dismiss(id), SAVED_NOTICE_MS);
      });
      // A refusal is shown by the frame's <Refusals> from the rejections table (also after a
      // reload); here only the "Gemt"/"queued" notice for this save goes.
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
    [actions, online, t, show, dismiss],
  );
}
