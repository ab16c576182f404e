/** One calm line about the connection, only when it matters (offline, waiting, stuck). */
import { useTranslation } from 'react-i18next';
import { useStaff } from './staff-env.js';

export function ConnectionLine() {
  const { t } = useTranslation('staff');
  const { status } = useStaff();
  if (!status) return null;
  const lines: string[] = [];
  if (status.state === 'offline') lines.push(t('status.offline'));
  else if (status.state === 'unauthorized') lines.push(t('status.unauthorized'));
  else if (status.state === 'protocol_mismatch') lines.push(t('status.protocol_mismatch'));
  if (status.pending > 0 && status.state !== 'online')
    lines.push(t('status.pending', { count: status.pending }));
  if (status.stuck > 0) lines.push(t('status.stuck'));
  if (lines.length === 0) return null;
  return (
    <p className="connection-line" role="status">
      {lines.join(' ')}
    </p>
  );
}
