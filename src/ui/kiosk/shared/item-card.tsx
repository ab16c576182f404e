/**
 * One item on any screen: pictogram (at least 96 px), a short title, the time, and the read-aloud
 * button always in the top right corner. "Ændret" with its icon when staff changed it today.
 * Screens put their own lines and buttons inside.
 */
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Pictogram } from './pictogram.js';
import { ReadAloud } from './read-aloud.js';

interface Props {
  pictogram: string | null;
  fallback?: string;
  title: string;
  /** "kl. 14.30 til 16.00", shown under the title. */
  when?: string | null;
  /** The full sentences read aloud. */
  speech: string;
  changed?: boolean;
  /** `past` dims it, `now` marks it. */
  tone?: 'past' | 'now' | 'normal';
  headingLevel?: 2 | 3;
  className?: string;
  /** A photo (meal, news) shown large beside the pictogram. */
  photo?: ReactNode;
  children?: ReactNode;
}

export function ItemCard({
  pictogram,
  fallback = 'activity',
  title,
  when,
  speech,
  changed = false,
  tone = 'normal',
  headingLevel = 3,
  className,
  photo,
  children,
}: Props) {
  const { t } = useTranslation();
  const id = useId();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const cls = ['item', `item-${tone}`, className].filter(Boolean).join(' ');
  return (
    <article className={cls} aria-labelledby={`${id}-t`}>
      <div className="item-head">
        <Pictogram name={pictogram} fallback={fallback} className="item-picto" />
        <div className="item-title">
          <H id={`${id}-t`}>{title}</H>
          {when && <p className="when">{when}</p>}
          {changed && (
            <p className="changed">
              <Pictogram name="changed" fallback="changed" />
              <span>{t('changed')}</span>
            </p>
          )}
        </div>
        <ReadAloud text={speech} what={title} />
      </div>
      {photo}
      {children}
    </article>
  );
}
