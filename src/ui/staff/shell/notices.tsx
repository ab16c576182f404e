/**
 * The small save confirmations ("Gemt", with "Fortryd" when the page offers it) in a polite live
 * region, and refusals from the rejections table, which stay until dismissed (also after a reload).
 */
import { useTranslation } from 'react-i18next';
import { useRejections } from '../../shared/data/hooks.js';
import { refusedText, useNotices } from './save.js';
import { useStaff } from './staff-env.js';

export function Notices() {
  const { t } = useTranslation('staff');
  const list = useNotices((s) => s.list);
  const dismiss = useNotices((s) => s.dismiss);
  return (
    <div className="notices" role="status" aria-live="polite">
      {list.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`}>
          <span>{n.text}</span>
          {n.undo && (
            <button type="button" className="link-button" onClick={n.undo}>
              {t('save.undo')}
            </button>
          )}
          <button type="button" className="link-button" onClick={() => dismiss(n.id)}>
            {t('save.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}

export function Refusals() {
  const { t } = useTranslation('staff');
  const { actions } = useStaff();
  const rejections = useRejections();
  if (rejections.length === 0) return null;
  return (
    <div className="refusals" role="alert">
      {rejections.map((r) => (
        <div key={r.id} className="refusal">
          <p>
            <strong>{refusedText(t, r.code)}</strong>
          </p>
          <p className="refusal-detail">{r.message}</p>
          <button
            type="button"
            className="button"
            onClick={() => void actions.dismissRejection(r.id)}
          >
            {t('save.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
