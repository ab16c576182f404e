/**
 * `/news/new` and `/news/:id`: the form for a new post (published now unless another time is
 * chosen) or a stored one. Saving goes through the outbox (`news.put`): the list shows it at
 * once, "Gemt" follows the server's answer; a new post can be undone from that notice.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { Link } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'wouter';
import type { News } from '../../../domain/model.js';
import { useToday } from '../../shared/data/hooks.js';
import { PageHeader } from '../shell/page-header.js';
import { useSave } from '../shell/save.js';
import { useStaff } from '../shell/staff-env.js';
import { formValuesOf, toNewsArgs } from './form-model.js';
import { NewsForm } from './news-form.js';

const newId = (): string => `news-${crypto.randomUUID()}`;

export function NewsEditPage() {
  const { t } = useTranslation('staffNews');
  const params = useParams<{ id?: string }>();
  const [, navigate] = useLocation();
  const { db } = useStaff();
  const save = useSave();
  const { now, today, timeZone } = useToday(60_000);
  const isNew = params.id === undefined || params.id === 'new';
  const id = useMemo(
    () => (isNew ? newId() : decodeURIComponent(params.id ?? '')),
    [isNew, params.id],
  );
  // `null` once read and missing; undefined while reading.
  const stored = useLiveQuery(
    async () => (isNew ? null : ((await db.news.get(id)) ?? null)),
    [db, id, isNew],
  );
  const initial = useMemo(
    () => (stored === undefined ? null : formValuesOf(stored, now, timeZone)),
    // The values are read once per post: a later tick of the clock must not reset the form.
    [stored === undefined, id, timeZone],
  );

  const title = isNew ? t('form.newTitle') : t('form.editTitle');
  if (!isNew && stored === null)
    return (
      <div>
        <PageHeader title={title} />
        <p className="card">{t('form.notFound')}</p>
        <Link href="/news">{t('form.back')}</Link>
      </div>
    );
  if (!initial) return <PageHeader title={title} />;
  return (
    <div>
      <PageHeader title={title} />
      <NewsForm
        id={id}
        initial={initial}
        isNew={isNew}
        draftKey={isNew ? 'news:new' : `news:${id}`}
        timeZone={timeZone}
        today={today}
        onCancel={() => navigate('/news')}
        onSubmit={async (values) => {
          const args = toNewsArgs(values, id, timeZone);
          const before = stored as News | null;
          await save('news.put', args, {
            undo: before ? { name: 'news.put', args: before } : { name: 'news.del', args: { id } },
          });
          navigate('/news');
        }}
      />
    </div>
  );
}
