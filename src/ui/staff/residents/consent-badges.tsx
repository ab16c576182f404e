/**
 * Consent beside a resident's photo, everywhere staff see residents (ADMIN-UX "Privacy in
 * view"): wall, relatives and calendar, each given (green) or not (struck through), with the
 * words a screen reader reads ("Væg: samtykke givet").
 */
import { useTranslation } from 'react-i18next';
import { consentChannels, type Resident } from '../../../domain/model.js';

export function ConsentBadges({ resident }: { resident: Resident }) {
  const { t } = useTranslation('staffResidents');
  return (
    <ul className="consent-badges">
      {consentChannels.map((c) => {
        const given = resident.consent[c].given;
        const channel = t(`channels.${c}`);
        return (
          <li
            key={c}
            className={`badge ${given ? 'good' : 'bad'}`}
            aria-label={t(given ? 'consentYes' : 'consentNo', { channel })}
          >
            <span aria-hidden="true">{given ? '✓' : '✕'} </span>
            {channel}
          </li>
        );
      })}
    </ul>
  );
}

/** The resident's photo (from /media, which checks the session), or their initial. */
export function ResidentPhoto({ resident, large }: { resident: Resident; large?: boolean }) {
  const { t } = useTranslation('staffResidents');
  const cls = `people-photo${large ? ' large' : ''}`;
  if (resident.photo)
    return (
      <img
        className={cls}
        src={`/media/${resident.photo}`}
        alt={t('edit.photoAlt', { name: resident.displayName })}
      />
    );
  return (
    <span className={cls} aria-hidden="true">
      {resident.displayName.slice(0, 1).toUpperCase()}
    </span>
  );
}
