/**
 * A relative's calendar addresses, inside their card on Pårørende: which residents' calendars
 * they have subscribed to and when each address was made, with "Stop kalenderadresse" for each
 * (`feed.revoke`: the address answers 404 at once; the relative can make a new one, if the
 * resident still consents). Reads the `feed` entity from the cache; stopped ones are not shown.
 */
import { useTranslation } from 'react-i18next';
import type { Feed } from '../../../domain/model.js';
import { useToday } from '../../shared/data/hooks.js';
import { useSave } from '../shell/save.js';
import { langOf, whenWords } from '../today/time.js';

/** The live addresses of one relative (or of staff, `userId` null), newest first. */
export const liveFeedsOf = (feeds: readonly Feed[], userId: string | null): Feed[] =>
  feeds
    .filter((f) => f.userId === userId && f.revokedAt === null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));

export function FeedList({
  feeds,
  nameOf,
  ownerName,
}: {
  /** Live addresses of this relative (liveFeedsOf). */
  feeds: readonly Feed[];
  nameOf: (residentId: string) => string;
  /** Whose addresses, for the buttons' names. */
  ownerName: string;
}) {
  const { t, i18n } = useTranslation('staffRelatives');
  const lang = langOf(i18n.language);
  const save = useSave();
  const { now, timeZone } = useToday(60_000);
  if (feeds.length === 0) return <p className="muted">{t('feeds.none')}</p>;
  return (
    <div>
      <h4>{t('feeds.title')}</h4>
      <ul className="people-chips">
        {feeds.map((f) => (
          <li key={f.id}>
            <span>
              {t('feeds.one', {
                resident: nameOf(f.residentId),
                when: whenWords(lang, f.createdAt, timeZone, now),
              })}
            </span>{' '}
            <button
              type="button"
              className="button"
              aria-label={t('feeds.stopLabel', { resident: nameOf(f.residentId), name: ownerName })}
              onClick={() => void save('feed.revoke', { feedId: f.id })}
            >
              {t('feeds.stop')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
