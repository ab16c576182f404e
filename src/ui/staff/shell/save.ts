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
import type { TFunction } from 'i18next';
import type { MutationArgs, MutationName, RejectionCode } from '../../../protocol/index.js';
import { createNotices, followAnswer } from '../../shared/outbox/notices.js';
import { useStaff } from './staff-env.js';

export interface Notice {
  id: string;
  kind: 'saved' | 'queued' | 'refused';
  text: string;
  undo?: (() => void) | undefined;
}

/** The frame's notices (one at a time, shared/outbox/notices.ts); a refusal stays until dismissed. */
export const useNotices = createNotices<Notice>();

/** "Ikke gemt: <why>" in the page's language. */
export const refusedText = (t: TFunction<'staff'>, code: RejectionCode): string =>
  t('save.refused', { why: t(`refusedBecause.${code}`) });

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
      // A refusal is shown by the frame's <Refusals> from the rejections table (also after a
      // reload); followAnswer only takes this save's "Gemt"/"queued" notice away then.
      followAnswer(actions, id, {
        online,
        queued: { id, kind: 'queued', text: t('save.queued'), undo: undoFn },
        done: { id, kind: 'saved', text: t('save.saved'), undo: undoFn },
        show,
        dismiss,
      });
      return id;
    },
    [actions, online, t, show, dismiss],
  );
}
