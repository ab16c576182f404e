/**
 * Nyheder: every post in three groups as the wall sees them: shown now, coming, and expired
 * (the last ten), each with when it is shown, for whom, its photos and videos, and "Redigér" /
 * "Tag ned". Taking a post down asks first and can be undone from the "Gemt" notice.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Dialog, Heading, Link, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Group, News } from '../../../domain/model.js';
import { dayOf } from '../../../domain/rules/days.js';
import { newsState, nextNewsChange, type NewsState } from '../../../domain/rules/news.js';
import { dateWords } from '../../../domain/rules/recurrence-words.js';
import { useCentre, useNowUntil } from '../../shared/data/hooks.js';
import { useOverlaid } from '../../shared/data/overlaid.js';
import { clock, weekdayWord } from '../activities/format.js';
import { PageHeader } from '../shell/page-header.js';
import { useSave } from '../shell/save.js';
import { useStaff } from '../shell/staff-env.js';
import '../media/media.css';
import './news.css';

type Row = News & { pending: 'put' | 'del' | null };

/** A stored post without the overlay's field: what `news.put` takes back on undo. */
const record = ({ pending: _p, ...news }: Row): News => news;

const EXPIRED_SHOWN = 10;

export function NewsPage() {
  const { t, i18n } = useTranslation('staffNews');
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const { db } = useStaff();
  const save = useSave();
  const { timeZone } = useCentre();
  const rows = useOverlaid<News>('news', { hideDeleted: true }) as Row[] | undefined;
  // A post moves from "coming" to "shown now" to "expired" at its instants (rules/news.ts).
  const now = useNowUntil((at) => (rows ? nextNewsChange(rows, at) : null));
  const groups = useLiveQuery(() => db.group.toArray(), [db]) ?? ([] as Group[]);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const [withdrawing, setWithdrawing] = useState<Row | null>(null);

  const when = (instant: string) =>
    `${weekdayWord(dayOf(instant, timeZone), lang)} ${dateWords(lang, dayOf(instant, timeZone))} ${clock(instant, timeZone)}`;
  const by: Record<NewsState, Row[]> = { live: [], upcoming: [], expired: [] };
  for (const n of rows ?? []) by[newsState(n, now.getTime())].push(n);
  by.live.sort((a, b) => b.publishAt.localeCompare(a.publishAt));
  by.upcoming.sort((a, b) => a.publishAt.localeCompare(b.publishAt));
  by.expired.sort((a, b) => (b.expiresAt ?? '').localeCompare(a.expiresAt ?? ''));

  const withdraw = async (n: Row) => {
    setWithdrawing(null);
    await save('news.del', { id: n.id }, { undo: { name: 'news.put', args: record(n) } });
  };

  const section = (state: NewsState, list: Row[]) => (
    <section className="news-section" aria-labelledby={`news-${state}`}>
      <h2 id={`news-${state}`}>
        {t(state)} <span className="muted">({list.length})</span>
      </h2>
      {list.length === 0 ? (
        <p className="muted">
          {t(`none${state === 'live' ? 'Live' : state === 'upcoming' ? 'Upcoming' : 'Expired'}`)}
        </p>
      ) : (
        <ul className="news-rows">
          {(state === 'expired' ? list.slice(0, EXPIRED_SHOWN) : list).map((n) => (
            <li key={n.id} className="news-row">
              <span className="news-row-main">
                <strong>{n.title}</strong>
                <span className="muted">
                  {state === 'expired' && n.expiresAt
                    ? t('row.expiredAt', { when: when(n.expiresAt) })
                    : `${t('row.shownFrom', { when: when(n.publishAt) })} ${
                        n.expiresAt
                          ? t('row.shownUntil', { when: when(n.expiresAt) })
                          : t('row.noEnd')
                      }`}
                </span>
                <span className="badges">
                  <span className="badge">
                    {n.audience.kind === 'all'
                      ? t('row.forAll')
                      : t('row.forGroups', {
                          groups: n.audience.groupIds.map((g) => groupName.get(g) ?? g).join(', '),
                        })}
                  </span>
                  {n.media.some((m) => m.kind === 'image') && (
                    <span className="badge">{t('row.photo')}</span>
                  )}
                  {n.media.some((m) => m.kind === 'video') && (
                    <span className="badge">{t('row.video')}</span>
                  )}
                  {n.media.some((m) => m.signLanguage) && (
                    <span className="badge good">{t('row.signLanguage')}</span>
                  )}
                  {n.pending && <span className="badge warn">{t('row.sending')}</span>}
                </span>
              </span>
              <span className="news-row-actions">
                {/* Named with the visible word first (WCAG 2.5.3), then which post. */}
                <Link
                  className="button"
                  href={`/news/${encodeURIComponent(n.id)}`}
                  aria-label={t('row.editNamed', { title: n.title })}
                >
                  {t('row.edit')}
                </Link>
                {state !== 'expired' && (
                  <button
                    type="button"
                    className="button danger"
                    aria-label={t('row.withdrawNamed', { title: n.title })}
                    onClick={() => setWithdrawing(n)}
                  >
                    {t('row.withdraw')}
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <div className="news-admin">
      <PageHeader
        title={t('title')}
        actions={
          <Link className="button primary" href="/news/new">
            {t('newPost')}
          </Link>
        }
      />
      {rows === undefined ? (
        <p className="muted">{t('loading')}</p>
      ) : rows.length === 0 ? (
        <p className="card">{t('none')}</p>
      ) : (
        <>
          {section('live', by.live)}
          {section('upcoming', by.upcoming)}
          {section('expired', by.expired)}
        </>
      )}
      <ModalOverlay
        className="modal-overlay"
        isOpen={withdrawing !== null}
        isDismissable
        onOpenChange={(open) => !open && setWithdrawing(null)}
      >
        <Modal className="modal">
          <Dialog role="alertdialog" aria-labelledby="withdraw-title">
            <Heading slot="title" id="withdraw-title">
              {t('confirm.title')}
            </Heading>
            <p>{t('confirm.text', { title: withdrawing?.title ?? '' })}</p>
            <div className="form-actions">
              <button
                type="button"
                className="button danger"
                onClick={() => withdrawing && void withdraw(withdrawing)}
              >
                {t('confirm.yes')}
              </button>
              <button
                type="button"
                className="button"
                autoFocus
                onClick={() => setWithdrawing(null)}
              >
                {t('confirm.no')}
              </button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </div>
  );
}
