/**
 * Booking: the resources residents book on the wall, each with its rules in plain words (slot
 * length, opening hours per weekday, at most N at a time, release after M minutes unused, who
 * may book), edited in one dialog.
 */
import { withoutPending } from '../../../client/index.js';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../../../domain/model.js';
import { useOverlaid } from '../../shared/data/overlaid.js';
import { pictogramUrl } from '../../kiosk/shared/pictogram.js';
import { PageHeader } from '../shell/page-header.js';
import { useSave } from '../shell/save.js';
import { useStaff } from '../shell/staff-env.js';
import { WEEKDAYS_FROM_MONDAY, clock, useLang, weekdayWord } from '../shell/week.js';
import { ResourceDialog } from './resource-dialog.js';
import '../day-structure/planning.css';

export function ResourcesPage() {
  const { t } = useTranslation('staffResources');
  const lang = useLang();
  const { db } = useStaff();
  const save = useSave();
  const groups = useLiveQuery(() => db.group.toArray(), [db]) ?? [];
  const resources = useOverlaid<Resource>('resource', { hideDeleted: true });
  const [editing, setEditing] = useState<{ existing: Resource | null; id: string } | null>(null);
  const sorted = [...(resources ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'da'));

  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <button
            type="button"
            className="button primary"
            onClick={() => setEditing({ existing: null, id: crypto.randomUUID() })}
          >
            {t('add')}
          </button>
        }
      />
      <p className="muted">{t('intro')}</p>
      {resources && sorted.length === 0 && <p>{t('none')}</p>}
      <ul className="resource-list">
        {sorted.map((r) => {
          const release = r.releaseAfterMinutes ?? null;
          const audience =
            r.audience.kind === 'all'
              ? t('summary.everyone')
              : t('summary.groups', {
                  names: r.audience.groupIds
                    .map((id) => groups.find((g) => g.id === id)?.name ?? id)
                    .join(', '),
                });
          return (
            <li key={r.id} className="card resource-card">
              <div className="resource-head">
                <img src={pictogramUrl(r.pictogram, 'activity') ?? ''} alt="" />
                <h2>{r.name}</h2>
                {r.pending && <span className="muted">{t('pending')}</span>}
              </div>
              <ul className="resource-rules">
                <li>{t('summary.slot', { count: r.slotMinutes })}</li>
                <li>{t('summary.max', { count: r.maxActivePerResident })}</li>
                <li>
                  {release === null
                    ? t('summary.noRelease')
                    : t('summary.release', { count: release })}
                </li>
                <li>{audience}</li>
              </ul>
              <table className="table opening-table">
                <caption className="muted">{t('fields.opening')}</caption>
                <tbody>
                  {WEEKDAYS_FROM_MONDAY.map((weekday) => {
                    const periods = r.opening
                      .filter((o) => o.weekday === weekday)
                      .sort((a, b) => a.from.localeCompare(b.from));
                    return (
                      <tr key={weekday}>
                        <th scope="row">{weekdayWord(weekday, lang)}</th>
                        <td>
                          {periods.length === 0
                            ? t('summary.closed')
                            : periods
                                .map((o) =>
                                  o.from === '00:00' && o.to === '00:00'
                                    ? t('summary.allDay')
                                    : `${clock(o.from, lang)}–${clock(o.to, lang)}`,
                                )
                                .join(', ')}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <div className="form-actions">
                <button
                  type="button"
                  className="button"
                  aria-label={t('editWhat', { what: r.name })}
                  onClick={() => setEditing({ existing: withoutPending(r), id: r.id })}
                >
                  {t('edit')}
                </button>
                <button
                  type="button"
                  className="button danger"
                  aria-label={t('deleteWhat', { what: r.name })}
                  aria-describedby={`delete-warning-${r.id}`}
                  onClick={() => void save('resource.del', { id: r.id })}
                >
                  {t('delete')}
                </button>
                <span className="muted" id={`delete-warning-${r.id}`}>
                  {t('deleteWarning', { what: r.name })}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
      {editing && (
        <ResourceDialog
          existing={editing.existing}
          id={editing.id}
          groups={groups}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
