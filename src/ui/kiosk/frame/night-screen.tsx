/**
 * Night: a dim clock, "Det er nat" and the moon. Shown during the kiosk's night hours when nobody
 * is using the screen; a touch anywhere wakes it to Home (the touch itself does nothing else).
 */
import { useTranslation } from 'react-i18next';
import { Pictogram } from '../shared/pictogram.js';

export function NightScreen({ clock, onWake }: { clock: string; onWake: () => void }) {
  const { t } = useTranslation();
  return (
    <div
      className="night"
      role="button"
      tabIndex={0}
      onPointerDown={(e) => {
        e.preventDefault();
        onWake();
      }}
      onKeyDown={onWake}
    >
      <Pictogram name="night" fallback="moon" className="night-picto" />
      <p className="night-clock">{clock}</p>
      <p className="night-title">{t('night.title')}</p>
      <p className="night-help">{t('night.wake')}</p>
    </div>
  );
}
