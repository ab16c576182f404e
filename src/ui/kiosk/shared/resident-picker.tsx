/**
 * "Hvem er du?": the residents with wall consent as big photo tiles with first names. Only they
 * are ever shown; a resident without consent is signed up by staff, never picked on the wall.
 */
import { useTranslation } from 'react-i18next';
import type { Resident } from '../../../domain/model.js';
import { Avatar, firstName } from './avatar.js';

interface Props {
  residents: readonly Resident[];
  onPick: (resident: Resident) => void;
  /** Marks tiles (e.g. "Tilmeldt") by resident id. */
  marks?: ReadonlyMap<string, string>;
  heading?: string;
  headingLevel?: 2 | 3;
}

export function ResidentPicker({ residents, onPick, marks, heading, headingLevel = 2 }: Props) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const shown = residents.filter((r) => r.wallConsent);
  return (
    <section className="picker" aria-labelledby="picker-title">
      <H id="picker-title">{heading ?? t('picker.title')}</H>
      <p className="help">{t('picker.help')}</p>
      {shown.length === 0 ? (
        <p className="empty">{t('picker.none')}</p>
      ) : (
        <ul className="picker-grid">
          {shown.map((r) => {
            const mark = marks?.get(r.id);
            return (
              <li key={r.id}>
                <button type="button" className="picker-tile" onClick={() => onPick(r)}>
                  <Avatar resident={r} />
                  <span className="picker-name">{firstName(r.displayName)}</span>
                  {mark && (
                    <>
                      {/* A pause for a screen reader: "Anna, Tilmeldt", not "AnnaTilmeldt". */}
                      <span className="visually-hidden">, </span>
                      <span className="picker-mark">{mark}</span>
                    </>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
