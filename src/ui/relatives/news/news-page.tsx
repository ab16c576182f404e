/**
 * The centre's news for the shown resident: what the server sends a relative already follows the
 * audience rule for all their residents' groups; with several residents, the page keeps those
 * for the one shown (the same rule, `inAudience`). Published and not expired, newest first:
 * title, date, text, pictures and videos.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import type { News } from '../../../domain/model.js';
import { inAudience } from '../../../domain/rules/audience.js';
import { dayOf } from '../../../domain/rules/days.js';
import { isLive, nextNewsChange } from '../../../domain/rules/news.js';
import { useNowUntil, useToday } from '../../shared/data/hooks.js';
import { useFamily } from '../shell/family-env.js';
import { capitalise, clockOf, dayNear } from '../shell/format.js';
import { useLang, useWords } from '../shell/lang.js';
import { useShownResident } from '../shell/resident.js';
import { fill } from '../words.js';
import { newsWords } from './words.js';
import './news.css';

/** The news for a resident in `groupIds` at `now`, newest first. */
export function newsFor(all: readonly News[], groupIds: readonly string[], now: number): News[] {
  return all
    .filter((n) => isLive(n, now) && inAudience(n.audience, groupIds))
    .sort((a, b) => Date.parse(b.publishAt) - Date.parse(a.publishAt));
}

export function NewsPage() {
  const w = useWords(newsWords);
  const { db } = useFamily();
  const resident = useShownResident();
  const all = useLiveQuery(() => db.news.toArray(), [db]);
  // Judged at each render, and again when the next post comes up or goes (rules/news.ts).
  const now = useNowUntil((at) => (all ? nextNewsChange(all, at) : null)).getTime();
  const list = all && newsFor(all, resident.groupIds, now);
  return (
    <>
      <h1>{w.title}</h1>
      <p>{fill(w.intro, { name: resident.displayName })}</p>
      {list === undefined ? null : list.length === 0 ? (
        <p className="family-empty">{w.empty}</p>
      ) : (
        <ul className="family-news-list">
          {list.map((n) => (
            <li key={n.id}>
              <NewsItem news={n} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function NewsItem({ news }: { news: News }) {
  const w = useWords(newsWords);
  const lang = useLang();
  const { today, timeZone } = useToday(60_000);
  const id = useId();
  const date = dayOf(news.publishAt, timeZone);
  const when = `${dayNear(date, today, lang)} ${clockOf(news.publishAt, timeZone, lang)}`;
  const paragraphs = news.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return (
    <article className="family-card family-news" aria-labelledby={id}>
      <h2 id={id}>{news.title}</h2>
      <p className="family-meta">
        <time dateTime={news.publishAt}>{capitalise(fill(w.posted, { when }))}</time>
      </p>
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      {news.media.map((m) =>
        m.kind === 'image' ? (
          // The title is beside it; a description would only repeat it.
          <img key={m.hash} className="family-news-image" src={`/media/${m.hash}`} alt="" />
        ) : (
          <figure key={m.hash} className="family-news-video">
            <video
              controls
              preload="none"
              src={`/media/${m.hash}`}
              {...(m.poster ? { poster: `/media/${m.poster}` } : {})}
            />
            <figcaption>{m.signLanguage ? w.signLanguage : w.video}</figcaption>
          </figure>
        ),
      )}
    </article>
  );
}
