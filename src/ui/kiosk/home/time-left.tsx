/**
 * Time left as a picture, for residents who cannot read a clock (MEMOplanner and Time Timer show
 * it so): a disc whose coloured part shrinks as the time runs out. Calm: it changes once a
 * minute with the plan clock, never animates. Screen readers get the same in words
 * ("20 minutter tilbage"); the colours come from the theme, so high contrast shows it too.
 */
import type { ReactNode } from 'react';

interface Props {
  /** What is left, 0 to 1 of the whole disc. */
  fraction: number;
  /** The same in words: the image's name. */
  label: string;
  /** Words shown beside the disc (none when the card says it already). */
  children?: ReactNode;
}

/** The coloured sector from 12 o'clock, clockwise, `fraction` of the way round. */
function sector(fraction: number): string {
  const a = fraction * 2 * Math.PI;
  const x = 50 + 46 * Math.sin(a);
  const y = 50 - 46 * Math.cos(a);
  const large = fraction > 0.5 ? 1 : 0;
  return `M50 50 L50 4 A46 46 0 ${large} 1 ${x.toFixed(2)} ${y.toFixed(2)} Z`;
}

export function TimeLeft({ fraction, label, children }: Props) {
  const f = Math.min(1, Math.max(0, fraction));
  return (
    <div className="time-left" role="img" aria-label={label}>
      <svg viewBox="0 0 100 100" className="time-left-disc" aria-hidden="true" focusable="false">
        <circle cx="50" cy="50" r="46" className="time-left-face" />
        {f >= 0.999 ? (
          <circle cx="50" cy="50" r="46" className="time-left-part" />
        ) : (
          f > 0 && <path d={sector(f)} className="time-left-part" />
        )}
        <circle cx="50" cy="50" r="46" className="time-left-rim" />
      </svg>
      {children && <span aria-hidden="true">{children}</span>}
    </div>
  );
}
