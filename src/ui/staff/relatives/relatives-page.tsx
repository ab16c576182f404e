/**
 * Pårørende: invite a relative (a one-time link and QR code), see who has access to whom, remove
 * access (all of it, or to one resident) at once, and withdraw links not yet used. Reads the
 * staff-only `user` and `invitation` entities from the cache.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Feed, Invitation, Resident, UserAccount } from '../../../domain/model.js';
import { useToday } from '../../shared/data/hooks.js';
import { PageHeader } from '../shell/page-header.js';
import { useSave } from '../shell/save.js';
import { useStaff } from '../shell/staff-env.js';
import { langOf, whenWords } from '../today/time.js';
import { FeedList, liveFeedsOf } from './feed-list.js';
import { InviteDialog, LinkCard, type MadeLink } from './invite-dialog.js';
import '../residents/people.css';
import '../today/operations.css';

interface Removing {
  user: UserAccount;
  resident: Resident | null;
}

export function RelativesPage() {
  const { t, i18n } = useTranslation('staffRelatives');
  const lang = langOf(i18n.language);
  const { db } = useStaff();
  const save = useSave();
  const { now, timeZone } = useToday(60_000);
  const residents = useLiveQuery(() => db.resident.toArray(), [db]) ?? ([] as Resident[]);
  const users = useLiveQuery(() => db.user.toArray(), [db]);
  const invitations = useLiveQuery(() => db.invitation.toArray(), [db]) ?? ([] as Invitation[]);
  const feeds = useLiveQuery(() => db.feed.toArray(), [db]) ?? ([] as Feed[]);
  const staffFeeds = liveFeedsOf(feeds, null);
  const [inviting, setInviting] = useState(false);
  const [made, setMade] = useState<MadeLink | null>(null);
  const [removing, setRemoving] = useState<Removing | null>(null);
  const byId = new Map(residents.map((r) => [r.id, r]));
  const nameOf = (id: string) => byId.get(id)?.displayName ?? id;
  const relatives = (users ?? [])
    .filter((u) => u.role === 'relative' && !u.disabled && u.residentIds.length > 0)
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'da'));
  const open = invitations
    .filter((i) => i.status === 'open')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          <button type="button" className="button primary" onClick={() => setInviting(true)}>
            {t('invite')}
          </button>
        }
      />
      <p className="muted">{t('intro')}</p>
      {made && (
        <LinkCard
          made={made}
          accepted={invitations.some((i) => i.id === made.inviteId)}
          onDone={() => setMade(null)}
        />
      )}
      <section aria-labelledby="access-title">
        <h2 id="access-title">{t('access')}</h2>
        {users !== undefined && relatives.length === 0 && <p className="card">{t('noAccess')}</p>}
        <ul className="ops-cards">
          {relatives.map((u) => (
            <li key={u.id} className="ops-card">
              <h3>{u.displayName}</h3>
              <p className="muted">{t('username', { username: u.username })}</p>
              <p>{t('residentsOf', { names: u.residentIds.map(nameOf).join(', ') })}</p>
              <FeedList
                feeds={liveFeedsOf(feeds, u.id)}
                nameOf={nameOf}
                ownerName={u.displayName}
              />
              {u.residentIds.length > 1 && (
                <ul className="people-chips">
                  {u.residentIds.map((rid) => (
                    <li key={rid}>
                      <button
                        type="button"
                        className="button"
                        onClick={() => setRemoving({ user: u, resident: byId.get(rid) ?? null })}
                      >
                        {t('removeFrom', { name: nameOf(rid) })}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              <div className="ops-card-actions">
                <button
                  type="button"
                  className="button danger"
                  aria-label={`${t('removeAccess')}: ${u.displayName}`}
                  onClick={() => setRemoving({ user: u, resident: null })}
                >
                  {t('removeAccess')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
      {staffFeeds.length > 0 && (
        <section className="people-section" aria-labelledby="staff-feeds-title">
          <h2 id="staff-feeds-title">{t('feeds.byStaff')}</h2>
          <FeedList feeds={staffFeeds} nameOf={nameOf} ownerName={t('feeds.staffOwner')} />
        </section>
      )}
      <section className="people-section" aria-labelledby="invitations-title">
        <h2 id="invitations-title">{t('invitations')}</h2>
        {open.length === 0 && <p className="muted">{t('noInvitations')}</p>}
        <ul className="ops-cards">
          {open.map((inv) => {
            const expired = inv.expiresAt <= now.toISOString();
            return (
              <li key={inv.id} className="ops-card">
                <h3>
                  {inv.name} {expired && <span className="badge warn">{t('expired')}</span>}
                </h3>
                <p>{t('residentsOf', { names: inv.residentIds.map(nameOf).join(', ') })}</p>
                {!expired && (
                  <p className="muted">
                    {t('expires', { when: whenWords(lang, inv.expiresAt, timeZone, now) })}
                  </p>
                )}
                <div className="ops-card-actions">
                  <button
                    type="button"
                    className="button"
                    aria-label={t('withdrawLabel', { name: inv.name })}
                    onClick={() => void save('invitation.revoke', { inviteId: inv.id })}
                  >
                    {t('withdraw')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      </section>
      {inviting && (
        <InviteDialog
          residents={residents}
          onClose={() => setInviting(false)}
          onMade={(l) => {
            setInviting(false);
            setMade(l);
          }}
        />
      )}
      {removing && (
        <RemoveDialog
          removing={removing}
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            const { user, resident } = removing;
            setRemoving(null);
            await save(
              'relative.revoke',
              resident ? { userId: user.id, residentId: resident.id } : { userId: user.id },
            );
          }}
        />
      )}
    </>
  );
}

function RemoveDialog({
  removing,
  onClose,
  onConfirm,
}: {
  removing: Removing;
  onClose: () => void;
  onConfirm: () => Promise<void>;
}) {
  const { t } = useTranslation('staffRelatives');
  return (
    <ModalOverlay
      className="ops-modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(o) => !o && onClose()}
    >
      <Modal className="ops-modal">
        <Dialog aria-labelledby="remove-title" role="alertdialog">
          <Heading slot="title" id="remove-title">
            {t('remove.title', { name: removing.user.displayName })}
          </Heading>
          <p>
            {removing.resident
              ? t('remove.bodyOne', { resident: removing.resident.displayName })
              : t('remove.body')}
          </p>
          <div className="people-actions">
            <button type="button" className="button danger" onClick={() => void onConfirm()}>
              {t('remove.confirm')}
            </button>
            <button type="button" className="button" onClick={onClose}>
              {t('remove.cancel')}
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
