/**
 * Log: the audit (`GET /api/audit`, staff only; the audit is not synced), newest first, filtered
 * by person, kind and day, "Vis flere" for the next page. A React Aria table. Secrets were
 * redacted when the rows were written.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { AuditItem, AuditPage as Page } from '../../../protocol/operations.js';
import { useToday } from '../../shared/data/hooks.js';
import { PageHeader } from '../shell/page-header.js';
import { useStaff } from '../shell/staff-env.js';
import { langOf, whenWords } from '../today/time.js';
import '../today/operations.css';

export const AUDIT_KINDS = [
  'activity',
  'signup',
  'booking',
  'meal',
  'news',
  'album',
  'dayitem',
  'daytemplate',
  'shift',
  'resource',
  'resident',
  'group',
  'centre',
  'attendance',
  'device',
  'wallnotice',
  'user',
  'login',
  'relative',
  'invitation',
] as const;
type Kind = (typeof AUDIT_KINDS)[number];
const isKind = (k: string): k is Kind => (AUDIT_KINDS as readonly string[]).includes(k);

interface Filters {
  actor: string;
  kind: string;
  day: string;
}

async function fetchAudit(
  f: Filters,
  before: number | null,
): Promise<Page | { error: string | null }> {
  const q = new URLSearchParams();
  if (f.actor) q.set('actor', f.actor);
  if (f.kind) q.set('kind', f.kind);
  if (f.day) q.set('day', f.day);
  if (before !== null) q.set('before', String(before));
  try {
    const res = await fetch(`/api/audit?${q.toString()}`, { credentials: 'same-origin' });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      return { error: body.message ?? `HTTP ${res.status}` };
    }
    return (await res.json()) as Page;
  } catch {
    return { error: null };
  }
}

/** Names by id, for details that hold only ids (a sign-up: the resident and the activity). */
interface Names {
  resident: ReadonlyMap<string, string>;
  activity: ReadonlyMap<string, string>;
}

/** A few words from the detail: the title or name it was about. */
function summary(detail: unknown, names: Names): string {
  if (typeof detail !== 'object' || detail === null)
    return typeof detail === 'string' ? detail.slice(0, 80) : '';
  const d = detail as Record<string, unknown>;
  for (const key of ['title', 'displayName', 'name', 'dish', 'text', 'staffName', 'username'])
    if (typeof d[key] === 'string') return d[key].slice(0, 80);
  const who = typeof d.residentId === 'string' ? names.resident.get(d.residentId) : undefined;
  const what = typeof d.activityId === 'string' ? names.activity.get(d.activityId) : undefined;
  return [who, what].filter(Boolean).join(' · ');
}

export function AuditPage() {
  const { t, i18n } = useTranslation('staffAudit');
  const lang = langOf(i18n.language);
  const { db } = useStaff();
  const { now, timeZone } = useToday(60_000);
  const users = useLiveQuery(() => db.user.toArray(), [db]) ?? [];
  const names = useLiveQuery(
    async (): Promise<Names> => ({
      resident: new Map((await db.resident.toArray()).map((r) => [r.id, r.displayName])),
      activity: new Map((await db.activity.toArray()).map((a) => [a.id, a.title])),
    }),
    [db],
  ) ?? { resident: new Map<string, string>(), activity: new Map<string, string>() };
  const [filters, setFilters] = useState<Filters>({ actor: '', kind: '', day: '' });
  const [rows, setRows] = useState<AuditItem[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | { error: string | null }>('loading');

  useEffect(() => {
    let live = true;
    setState('loading');
    void fetchAudit(filters, null).then((r) => {
      if (!live) return;
      if ('error' in r) return setState({ error: r.error });
      setRows(r.items);
      setNext(r.next);
      setState('ready');
    });
    return () => {
      live = false;
    };
  }, [filters]);

  const more = async () => {
    if (next === null) return;
    const r = await fetchAudit(filters, next);
    if ('error' in r) return setState({ error: r.error });
    setRows((old) => [...old, ...r.items]);
    setNext(r.next);
  };

  const who = (item: AuditItem): string => {
    if (item.actorName) return item.actorName;
    if (item.actor === 'cli') return t('cli');
    if (item.actor === 'anonymous') return t('anonymous');
    if (item.actor.startsWith('system:')) return t('system');
    return item.actor;
  };
  const what = (item: AuditItem): string => {
    const whole = (t('actions', { returnObjects: true }) as Record<string, string>)[
      item.action.replace('.', '_')
    ];
    if (whole) return whole;
    const [kind = '', verb = ''] = item.action.split('.');
    const kindWord = isKind(kind) ? t(`kinds.${kind}`) : kind;
    const verbs = t('verbs', { returnObjects: true }) as Record<string, string>;
    return verb ? `${kindWord} ${verbs[verb] ?? verb}` : kindWord;
  };
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <>
      <PageHeader title={t('title')} />
      <p className="muted">{t('intro')}</p>
      <form className="ops-filters" aria-label={t('table')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="audit-person">{t('person')}</label>
          <select
            id="audit-person"
            value={filters.actor}
            onChange={(e) => set({ actor: e.target.value })}
          >
            <option value="">{t('everyone')}</option>
            {users
              .filter((u) => u.role !== 'relative')
              .sort((a, b) => a.displayName.localeCompare(b.displayName, 'da'))
              .map((u) => (
                <option key={u.id} value={`user:${u.id}`}>
                  {u.displayName}
                </option>
              ))}
            <option value="cli">{t('cli')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-kind">{t('kind')}</label>
          <select
            id="audit-kind"
            value={filters.kind}
            onChange={(e) => set({ kind: e.target.value })}
          >
            <option value="">{t('everything')}</option>
            {AUDIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-day">{t('day')}</label>
          <input
            id="audit-day"
            type="date"
            value={filters.day}
            onChange={(e) => set({ day: e.target.value })}
          />
        </div>
        {(filters.actor || filters.kind || filters.day) && (
          <button
            type="button"
            className="button"
            onClick={() => setFilters({ actor: '', kind: '', day: '' })}
          >
            {t('clear')}
          </button>
        )}
      </form>
      {typeof state === 'object' && (
        <p className="ops-problem" role="alert">
          {state.error === null ? t('offline') : t('failed', { why: state.error })}
        </p>
      )}
      {state === 'loading' && <p className="muted">{t('loading')}</p>}
      {state === 'ready' && rows.length === 0 && <p className="card">{t('none')}</p>}
      {rows.length > 0 && (
        <div className="ops-table-wrap">
          <Table className="table" aria-label={t('table')}>
            <TableHeader>
              <Column isRowHeader>{t('columns.at')}</Column>
              <Column>{t('columns.who')}</Column>
              <Column>{t('columns.what')}</Column>
              <Column>{t('columns.detail')}</Column>
            </TableHeader>
            <TableBody>
              {rows.map((item) => (
                <Row key={item.id} id={item.id}>
                  <Cell>{whenWords(lang, item.at, timeZone, now)}</Cell>
                  <Cell>{who(item)}</Cell>
                  <Cell>{what(item)}</Cell>
                  <Cell>{summary(item.detail, names)}</Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {next !== null && (
        <p>
          <button type="button" className="button" onClick={() => void more()}>
            {t('more')}
          </button>
        </p>
      )}
    </>
  );
}
