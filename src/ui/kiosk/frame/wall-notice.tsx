/**
 * A message to the wall from staff ("Bussen er forsinket. Vi kører kl. 10.30."): a calm, large
 * notice over the screen with its pictogram and the read-aloud button, on the kiosks it is for,
 * until its end time, when it goes by itself (the clock ticks every second; no reload). "Luk"
 * puts it aside for a few minutes, then it comes back while it lasts: the next person should see
 * it too. The newest notice is shown when there are several.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallNotice } from '../../../domain/model.js';
import { useNow } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { Pictogram } from '../shared/pictogram.js';
import { ReadAloud } from '../shared/read-aloud.js';
import { readOwnId } from './own-id.js';
import './wall-notice.css';

/** How long "Luk" puts a notice aside. */
export const NOTICE_ASIDE_MS = 5 * 60_000;

/** The notice this kiosk shows now, if any: for all or for it, not ended, latest ending last. */
export function currentNotice(
  notices: readonly WallNotice[],
  ownId: string | null,
  now: Date,
  aside: ReadonlyMap<string, number>,
): WallNotice | null {
  const iso = now.toISOString();
  const mine = notices
    .filter((n) => n.until > iso)
    .filter((n) => n.kioskIds === null || (ownId !== null && n.kioskIds.includes(ownId)))
    .filter((n) => (aside.get(n.id) ?? 0) <= now.getTime())
    .sort((a, b) => (a.until < b.until ? 1 : a.until > b.until ? -1 : a.id.localeCompare(b.id)));
  return mine[0] ?? null;
}

export function WallNoticeView() {
  const { t } = useTranslation();
  const { db } = useEnv();
  const now = useNow(1000);
  const notices = useLiveQuery(() => db.wallnotice.toArray(), [db]) ?? [];
  const [aside, setAside] = useState<ReadonlyMap<string, number>>(new Map());
  const [ownId, setOwnId] = useState(readOwnId);
  const titleId = useId();
  // The id arrives with the cookie answer, shortly after start.
  useEffect(() => {
    if (ownId !== null) return undefined;
    const timer = setInterval(() => setOwnId(readOwnId()), 2000);
    return () => clearInterval(timer);
  }, [ownId]);
  const notice = currentNotice(notices, ownId, now, aside);
  if (!notice) return null;
  return (
    <div className="wall-notice-layer">
      <section className="wall-notice" aria-labelledby={titleId} aria-live="polite">
        <h2 id={titleId} className="wall-notice-title">
          <Pictogram name={notice.pictogram ?? 'news'} fallback="news" />
          <span>{t('wallNotice.title')}</span>
        </h2>
        <p className="wall-notice-text">{notice.text}</p>
        <div className="wall-notice-actions">
          <ReadAloud text={notice.text} />
          <button
            type="button"
            className="secondary big"
            onClick={() => setAside(new Map(aside).set(notice.id, Date.now() + NOTICE_ASIDE_MS))}
          >
            <Pictogram name="cross" fallback="cross" />
            <span>{t('wallNotice.close')}</span>
          </button>
        </div>
      </section>
    </div>
  );
}
