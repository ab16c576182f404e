/** One calm line about the connection, only when it matters (offline, changes waiting, stuck). */
import { useFamily } from './family-env.js';
import { useWords } from './lang.js';
import { shellWords } from './words.js';
import { fill } from '../words.js';

export function ConnectionLine() {
  const w = useWords(shellWords);
  const { status } = useFamily();
  if (!status) return null;
  const lines: string[] = [];
  if (status.state === 'offline') lines.push(w.status.offline);
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
