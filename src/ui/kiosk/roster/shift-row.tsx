/**
 * One shift, read from two metres away: the staff member's face large, the first name, the time
 * and the group. A person's face is their picture here, so this is a row of its own rather than
 * an ItemCard (whose pictogram would stand next to the face and say nothing more); it keeps the
 * card's look and the read-aloud button in the same top-right corner.
 */
import type { Shift } from '../../../domain/model.js';
import { Face, firstName } from '../shared/avatar.js';
import { ReadAloud } from '../shared/read-aloud.js';

interface Props {
  shift: Shift;
  /** "til kl. 15.00" or "kl. 07.00 til 15.00". */
  when: string;
  group: string | null;
  speech: string;
  now?: boolean;
}

export function ShiftRow({ shift, when, group, speech, now = false }: Props) {
  const name = firstName(shift.staffName);
  return (
    <article className={now ? 'item shift shift-now' : 'item shift'} aria-label={name}>
      <div className="shift-row">
        <Face name={shift.staffName} photo={shift.photo} className="shift-face" />
        <div className="shift-text">
          <p className="shift-name">{name}</p>
          <p className="when">{when}</p>
          {group && <p className="shift-group">{group}</p>}
        </div>
        <ReadAloud text={speech} what={name} />
      </div>
    </article>
  );
}
