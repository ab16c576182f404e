/**
 * Skærme: every kiosk with whether it is on, when it was last in touch, its app version and
 * place, from the staff-only `kiosk` entities in the cache with what the server says of their
 * connections). Add one (its code and QR code shown once), edit, remove.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group, Kiosk } from '../../../domain/model.js';
import { useToday } from '../../shared/data/hooks.js';
import { PageHeader } from '../shell/page-header.js';
import { useStaff } from '../shell/staff-env.js';
import { langOf, whenWords } from '../today/time.js';
import {
  CreateKioskDialog,
  CreatedKioskCard,
  newKioskCode,
  type CreatedKiosk,
} from './create-kiosk.js';
import { RenameKioskDialog, RevokeKioskDialog } from './kiosk-dialogs.js';
import { KioskHealthFacts } from './kiosk-health.js';
import { reloadKiosk, useKioskViews, type KioskView } from './presence.js';
import '../today/operations.css';

export const byName = (a: Kiosk, b: Kiosk) => a.name.localeCompare(b.name, 'da');

export function KioskStatus({ kiosk, now }: { kiosk: KioskView; now: Date }) {
  const { t } = useTranslation('staffKiosks');
  if (kiosk.revoked) return <span className="badge">{t('revoked')}</span>;
  if (kiosk.enrolled === false) {
    const expired = kiosk.codeExpiresAt === null || kiosk.codeExpiresAt <= now.toISOString();
    return <span className="badge warn">{expired ? t('codeExpired') : t('waitingCode')}</span>;
  }
  if (kiosk.online === null) return <span className="badge">{t('unknownStatus')}</span>;
  return kiosk.online ? (
    <span className="badge good">{t('online')}</span>
  ) : (
    <span className="badge bad">{t('offlineStatus')}</span>
  );
}

export function KiosksPage() {
  const { t, i18n } = useTranslation('staffKiosks');
  const lang = langOf(i18n.language);
  const { db } = useStaff();
  const { now, timeZone } = useToday(30_000);
  const cached = useLiveQuery(() => db.kiosk.toArray(), [db]);
  const kiosks = useKioskViews(cached);
  const groups = useLiveQuery(() => db.group.toArray(), [db]) ?? ([] as Group[]);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedKiosk | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<Kiosk | null>(null);
  const [revoking, setRevoking] = useState<Kiosk | null>(null);
  const active = (kiosks ?? []).filter((k) => !k.revoked).sort(byName);
  const removed = (kiosks ?? []).filter((k) => k.revoked).sort(byName);

  const card = (k: KioskView) => (
    <li key={k.id} className="ops-card">
      <h3>
        <span>{k.name}</span> <KioskStatus kiosk={k} now={now} />
      </h3>
      <dl className="ops-facts">
        <dt>{t('location')}</dt>
        <dd>{k.location || '–'}</dd>
        <dt>{t('columns.lastSeen')}</dt>
        <dd>{k.lastSeenAt ? whenWords(lang, k.lastSeenAt, timeZone, now) : t('never')}</dd>
        <dt>{t('columns.version')}</dt>
        <dd>{k.appVersion ?? t('unknownVersion')}</dd>
        {k.health && !k.revoked && (
          <KioskHealthFacts health={k.health} lang={lang} timeZone={timeZone} now={now} />
        )}
        <dt>{t('houses')}</dt>
        <dd>
          {k.groupIds.length === 0
            ? t('wholeCentre')
            : k.groupIds.map((g) => groupName.get(g) ?? g).join(', ')}
        </dd>
      </dl>
      {!k.revoked && (
        <div className="ops-card-actions">
          <button
            type="button"
            className="button"
            aria-label={`${t('rename')}: ${k.name}`}
            onClick={() => setRenaming(k)}
          >
            {t('rename')}
          </button>
          <button
            type="button"
            className="button"
            aria-label={t('newCodeFor', { name: k.name })}
            onClick={() =>
              void newKioskCode(k.id, k.name).then((r) => {
                if (r.ok) setCreated(r.kiosk);
                else
                  setProblem(
                    r.message === null ? t('offline') : t('createFailed', { why: r.message }),
                  );
              })
            }
          >
            {t('newCode')}
          </button>
          {k.online && (
            <button
              type="button"
              className="button"
              aria-label={t('reloadFor', { name: k.name })}
              onClick={() =>
                void reloadKiosk(k.id).then((r) =>
                  setProblem(
                    r === 'sent'
                      ? t('reloadSent', { name: k.name })
                      : r === 'offline'
                        ? t('reloadOffline', { name: k.name })
                        : t('offline'),
                  ),
                )
              }
            >
              {t('reload')}
            </button>
          )}
          <button
            type="button"
            className="button danger"
            aria-label={`${t('revoke')}: ${k.name}`}
            onClick={() => setRevoking(k)}
          >
            {t('revoke')}
          </button>
        </div>
      )}
    </li>
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <button type="button" className="button primary" onClick={() => setAdding(true)}>
            {t('add')}
          </button>
        }
      />
      <p className="muted">{t('intro')}</p>
      {problem && (
        <p className="ops-problem" role="alert">
          {problem}
        </p>
      )}
      {created && <CreatedKioskCard kiosk={created} onDone={() => setCreated(null)} />}
      <section aria-labelledby="kiosk-list-title">
        <h2 id="kiosk-list-title">{t('list')}</h2>
        {kiosks !== undefined && active.length === 0 && <p className="card">{t('none')}</p>}
        <ul className="ops-cards">{active.map(card)}</ul>
      </section>
      {removed.length > 0 && (
        <section className="ops-section" aria-labelledby="kiosk-removed-title">
          <h2 id="kiosk-removed-title">{t('removedList')}</h2>
          <ul className="ops-cards">{removed.map(card)}</ul>
        </section>
      )}
      {adding && (
        <CreateKioskDialog
          onClose={() => setAdding(false)}
          onCreated={(k) => {
            setAdding(false);
            setCreated(k);
          }}
        />
      )}
      {renaming && <RenameKioskDialog kiosk={renaming} onClose={() => setRenaming(null)} />}
      {revoking && <RevokeKioskDialog kiosk={revoking} onClose={() => setRevoking(null)} />}
    </>
  );
}
