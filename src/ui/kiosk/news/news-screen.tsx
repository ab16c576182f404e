/**
 * News: what staff posted, newest first, published and not yet expired.
 *
 * One news item is open at a time, the newest first; the others are closed cards (pictogram,
 * title, day) with a big "Åbn nyheden". Why not one item per screen with "Forrige" / "Næste":
 * the closed cards show at a glance how many there are and let a resident go straight to the one
 * they recognise, without paging through the rest, while only one body of text and one video are
 * ever on screen — one idea at a time. Nothing scrolls, turns or plays by itself. More cards
 * than the screen holds go on pages (shared/pager.tsx); the one just opened stays in view.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { News } from '../../../domain/model.js';
import { addDaysToDate, dayOf } from '../../../domain/rules/days.js';
import { isLive, nextNewsChange } from '../../../domain/rules/news.js';
import { useNowUntil, useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { ItemCard } from '../shared/item-card.js';
import { Pager } from '../shared/pager.js';
import { Pictogram } from '../shared/pictogram.js';
import { sentences } from '../shared/read-aloud.js';
import { capitalise, dateInWords } from '../time/format.js';
import { SignLanguageLabel, VideoPlayer } from './video-player.js';
import './news.css';

export function NewsScreen() {
  const { t } = useTranslation('news');
  const { t: c } = useTranslation();
  const { db, settings } = useEnv();
  // The day words ("I dag", "I går") follow the clock's tick, past midnight too.
  const { today, timeZone } = useToday();
  // Every post the kiosk has (it receives only those its audience may see); which are on the wall
  // is judged at each render, and again when the next one comes up or goes (rules/news.ts).
  const all = useLiveQuery(() => db.news.toArray(), [db]);
  const now = useNowUntil((at) => (all ? nextNewsChange(all, at) : null)).getTime();
  const list = all
    ?.filter((n) => isLive(n, now))
    .sort((a, b) => Date.parse(b.publishAt) - Date.parse(a.publishAt));
  const [openId, setOpenId] = useState<string | null>(null);

  const dayWord = (publishAt: string) => {
    const d = dayOf(publishAt, timeZone);
    if (d === today) return c('today');
    if (d === addDaysToDate(today, -1)) return c('yesterday');
    return capitalise(dateInWords(d, settings.lang));
  };

  // The newest is open until the resident opens another (or it is taken down).
  const open = list?.find((n) => n.id === openId) ?? list?.[0];

  return (
    <div className="news-screen">
      <h1 className="screen-title">
        <Pictogram name="news" fallback="news" />
        <span>{t('title')}</span>
      </h1>
      {list === undefined ? (
        <p className="help">{c('loading')}</p>
      ) : list.length === 0 ? (
        <p className="empty">{t('empty')}</p>
      ) : (
        // One screen-full at a time (pager.tsx); opening an item keeps it in view.
        <Pager
          listClassName="list news-list"
          showKey={open?.id}
          items={list.map((n) => {
            const isOpen = n.id === open?.id;
            return {
              key: n.id,
              className: isOpen ? 'news-item-open' : 'news-item-closed',
              node: (
                <NewsCard
                  news={n}
                  open={isOpen}
                  when={dayWord(n.publishAt)}
                  onOpen={() => setOpenId(n.id)}
                />
              ),
            };
          })}
        />
      )}
    </div>
  );
}

interface CardProps {
  news: News;
  open: boolean;
  /** "I dag", "I går", "Tirsdag 1. december": shown and said. */
  when: string;
  onOpen: () => void;
}

/**
 * One news item as the wall shows it: open (text, pictures, videos) or closed (title, day and
 * "Åbn nyheden"). Exported for the staff admin's preview, which renders exactly this.
 */
export function NewsCard({ news: n, open, when, onOpen }: CardProps) {
  const { t } = useTranslation('news');
  const videos = n.media.filter((m) => m.kind === 'video');
  const sign = videos.some((m) => m.signLanguage);
  const speech = sentences(
    n.title,
    when,
    open && n.body,
    sign ? t('spokenSignLanguage') : videos.length > 0 && t('spokenVideo'),
  );
  return (
    <ItemCard
      className={open ? 'news-item open' : 'news-item'}
      pictogram="news"
      fallback="news"
      headingLevel={2}
      title={n.title}
      when={when}
      speech={speech}
    >
      {open ? (
        <NewsBody news={n} />
      ) : (
        <>
          {sign && <SignLanguageLabel />}
          {/* Not "Læs …" beside "Læs højt": another word and another shape (news.css). */}
          <button
            type="button"
            className="primary big news-open"
            aria-expanded={false}
            onClick={onOpen}
          >
            <Pictogram name="news" fallback="news" />
            <span>{t('open')}</span>
          </button>
        </>
      )}
    </ItemCard>
  );
}

/** The open item: the text in short paragraphs, then its pictures and videos in order. */
function NewsBody({ news }: { news: News }) {
  const paragraphs = news.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return (
    <div className={news.media.length > 0 ? 'news-body with-media' : 'news-body'}>
      {/* The words and the pictures in two parts: side by side where the screen is low for its
          text (news.css), one under the other elsewhere. */}
      <div className="news-text">
        {paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      {news.media.length > 0 && (
        <div className="news-media">
          {news.media.map((m) =>
            m.kind === 'image' ? (
              // The title is beside it; a description would only repeat it.
              <img
                key={m.hash}
                className="news-image"
                src={`/media/${m.hash}`}
                alt=""
                draggable={false}
              />
            ) : (
              <VideoPlayer
                key={m.hash}
                hash={m.hash}
                poster={m.poster}
                signLanguage={m.signLanguage}
                title={news.title}
              />
            ),
          )}
        </div>
      )}
    </div>
  );
}
