/**
 * Beboere: every resident with their photo, groups and consent (wall / relatives / calendar)
 * beside the photo, so nobody posts a photo of a resident who is not on the wall by mistake.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Group, Resident } from '../../../domain/model.js';
import { PageHeader } from '../shell/page-header.js';
import { useStaff } from '../shell/staff-env.js';
import { ConsentBadges, ResidentPhoto } from './consent-badges.js';
import './people.css';

export const byName = (a: { displayName: string }, b: { displayName: string }): number =>
  a.displayName.localeCompare(b.displayName, 'da');

export function ResidentsPage() {
  const { t } = useTranslation('staffResidents');
  const { db } = useStaff();
  const residents = useLiveQuery(() => db.resident.toArray(), [db]);
  const groups = useLiveQuery(() => db.group.toArray(), [db]) ?? ([] as Group[]);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const list = [...(residents ?? [])].sort(byName);
  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <Link className="button primary" href="/residents/new">
            {t('add')}
          </Link>
        }
      />
      <p className="muted">{t('intro')}</p>
      {residents !== undefined && list.length === 0 && <p className="card">{t('none')}</p>}
      <ul className="people-list" aria-label={t('title')}>
        {list.map((r: Resident) => (
          <li key={r.id} className="people-card">
            <ResidentPhoto resident={r} />
            <div>
              <h2>
                <Link href={`/residents/${encodeURIComponent(r.id)}`}>{r.displayName}</Link>
              </h2>
              <p className="muted">
                {r.groupIds.length === 0
                  ? t('noGroups')
                  : r.groupIds.map((g) => groupName.get(g) ?? g).join(', ')}
                {r.hasPin ? ` · ${t('pin')}` : ''}
              </p>
              <ConsentBadges resident={r} />
              {!r.consent.wall.given && <p className="people-warning">{t('noWallWarning')}</p>}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
