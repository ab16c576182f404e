/** "Er du færdig?" with two big answers: asked before the idle timer closes a half-done action. */
import { useTranslation } from 'react-i18next';
import { Dialog } from '../shared/dialog.js';
import { Pictogram } from '../shared/pictogram.js';

export function IdleQuestion({ stay, finish }: { stay: () => void; finish: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('idle.question')} halfDone={false} className="idle-question">
      <p className="help">{t('idle.help')}</p>
      <div className="answers">
        <button type="button" className="primary big" onClick={stay}>
          <Pictogram name="person" fallback="person" />
          <span>{t('idle.no')}</span>
        </button>
        <button type="button" className="secondary big" onClick={finish}>
          <Pictogram name="home" fallback="home" />
          <span>{t('idle.yes')}</span>
        </button>
      </div>
    </Dialog>
  );
}
