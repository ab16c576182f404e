/**
 * One calm line about the connection, only when it matters: offline (with how old what is shown
 * is, so a relative on a train knows), changes waiting, something stuck.
 */
import { dayOf } from '../../../domain/rules/days.js';
import { useToday } from '../../shared/data/hooks.js';
import { fill } from '../words.js';
import { useFamily } from './family-env.js';
import { clockOf, dayNear } from './format.js';
import { useLang, useWords } from './lang.js';
import { shellWords } from './words.js';

export function ConnectionLine() {
  const w = useWords(shellWords);
  const lang = useLang();
  const { status } = useFamily();
  const { today, timeZone } = useToday(60_000);
  if (!status) return null;
  const lines: string[] = [];
  if (status.state === 'offline') {
    lines.push(w.status.offline);
    const at = status.lastSyncedAt;
    if (at)
      lines.push(
        fill(w.status.old, {
          when: `${dayNear(dayOf(at, timeZone), today, lang)} ${clockOf(at, timeZone, lang)}`,
        }),
      );
  }
  if (status.pending > 0 && status.state !== 'online')
    lines.push(
      status.pending === 1
        ? w.status.pending_one
        : fill(w.status.pending_other, { count: String(status.pending) }),
    );
  if (status.stuck > 0 || status.state === 'protocol_mismatch') lines.push(w.status.stuck);
  if (lines.length === 0) return null;
  return (
    <p className="family-connection" role="status">
      {lines.join(' ')}
    </p>
  );
}
