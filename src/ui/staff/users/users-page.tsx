/**
 * Brugere (admin only): staff logins from the staff-only `user` entities; create one, close and
 * open it again, set a new password (shown to the admin as they type it, given to the person),
 * log them out everywhere. Each a mutation (`user.*`, admin role only on the server too).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { UserAccount } from '../../../domain/model.js';
import { mutationCatalogue } from '../../../protocol/index.js';
import { NewPassword } from '../../../protocol/rest.js';
import { useToday } from '../../shared/data/hooks.js';
import { SelectField, TextInput } from '../forms/fields.js';
import { StaffForm, useZodForm } from '../forms/form.js';
import { PageHeader } from '../shell/page-header.js';
import { useSave } from '../shell/save.js';
import { useStaff } from '../shell/staff-env.js';
import { dayWords, langOf } from '../today/time.js';
import { dayOf } from '../../../domain/rules/days.js';
import '../today/operations.css';

const CreateForm = mutationCatalogue['user.create'].args.omit({ userId: true });
const ResetForm = z.object({ password: NewPassword });

type Asking = { kind: 'reset' | 'disable' | 'revoke'; user: UserAccount } | null;

export function UsersPage() {
  const { t, i18n } = useTranslation('staffUsers');
  const lang = langOf(i18n.language);
  const { db, me } = useStaff();
  const save = useSave();
  const { timeZone } = useToday(60_000);
  const users = useLiveQuery(() => db.user.toArray(), [db]);
  const [adding, setAdding] = useState(false);
  const [asking, setAsking] = useState<Asking>(null);
  if (me.role !== 'admin')
    return (
      <>
        <PageHeader title={t('title')} />
        <p className="card">{t('adminOnly')}</p>
      </>
    );
  const staff = (users ?? [])
    .filter((u) => u.role !== 'relative')
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'da'));
  const label = (action: string, u: UserAccount) =>
    t('actionsFor', { action, name: u.displayName });

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
      <section aria-labelledby="staff-users-title">
        <h2 id="staff-users-title">{t('staffList')}</h2>
        {users !== undefined && staff.length === 0 && <p className="card">{t('none')}</p>}
        <ul className="ops-cards">
          {staff.map((u) => (
            <li key={u.id} className="ops-card">
              <h3>
                <span>{u.displayName}</span>
                <span className={u.disabled ? 'badge bad' : 'badge good'}>
                  {u.disabled ? t('disabled') : t('active')}
                </span>
                {u.id === me.userId && <span className="badge">{t('you')}</span>}
              </h3>
              <p>
                {u.username} · {t(`roles.${u.role}`)}
              </p>
              <p className="muted">
                {t('createdOn', { when: dayWords(lang, dayOf(u.createdAt, timeZone)) })}
              </p>
              {u.id !== me.userId && (
                <div className="ops-card-actions">
                  {u.disabled ? (
                    <button
                      type="button"
                      className="button"
                      aria-label={label(t('enable'), u)}
                      onClick={() => void save('user.enable', { userId: u.id })}
                    >
                      {t('enable')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="button danger"
                      aria-label={label(t('disable'), u)}
                      onClick={() => setAsking({ kind: 'disable', user: u })}
                    >
                      {t('disable')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="button"
                    aria-label={label(t('reset'), u)}
                    onClick={() => setAsking({ kind: 'reset', user: u })}
                  >
                    {t('reset')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    aria-label={label(t('revoke'), u)}
                    onClick={() => setAsking({ kind: 'revoke', user: u })}
                  >
                    {t('revoke')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>
      {adding && <CreateUserDialog onClose={() => setAdding(false)} />}
      {asking?.kind === 'reset' && (
        <ResetDialog user={asking.user} onClose={() => setAsking(null)} />
      )}
      {(asking?.kind === 'disable' || asking?.kind === 'revoke') && (
        <ConfirmDialog
          title={t(asking.kind === 'disable' ? 'disableTitle' : 'revokeTitle', {
            name: asking.user.displayName,
          })}
          text={t(asking.kind === 'disable' ? 'disableText' : 'revokeText', {
            name: asking.user.displayName,
          })}
          confirm={t(asking.kind === 'disable' ? 'disableConfirm' : 'revokeConfirm')}
          onConfirm={() =>
            void save(asking.kind === 'disable' ? 'user.disable' : 'user.revokeSessions', {
              userId: asking.user.id,
            })
          }
          onClose={() => setAsking(null)}
        />
      )}
    </>
  );
}

function Shell({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: React.ReactNode;
}) {
  return (
    <ModalOverlay
      className="ops-modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(o) => !o && onClose()}
    >
      <Modal className="ops-modal">
        <Dialog aria-labelledby="users-dialog-title">
          <Heading slot="title" id="users-dialog-title">
            {title}
          </Heading>
          {children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('staffUsers');
  const save = useSave();
  const form = useZodForm(CreateForm, {
    defaultValues: { displayName: '', username: '', role: 'staff', password: '' },
  });
  return (
    <Shell title={t('addTitle')} onClose={onClose}>
      <StaffForm
        form={form}
        label={t('addTitle')}
        submitLabel={t('create')}
        onSubmit={async (v) => {
          await save('user.create', { userId: crypto.randomUUID(), ...v });
          onClose();
        }}
        actions={
          <button type="button" className="button" onClick={onClose}>
            {t('cancel')}
          </button>
        }
      >
        <TextInput
          control={form.control}
          name="displayName"
          label={t('displayName')}
          schema={CreateForm}
        />
        <TextInput
          control={form.control}
          name="username"
          label={t('username')}
          description={t('usernameHint')}
          autoComplete="off"
        />
        <SelectField
          control={form.control}
          name="role"
          label={t('role')}
          choices={[
            { id: 'staff', label: t('roles.staff') },
            { id: 'admin', label: t('roles.admin') },
          ]}
        />
        <TextInput
          control={form.control}
          name="password"
          label={t('password')}
          description={t('passwordHint')}
          autoComplete="new-password"
        />
      </StaffForm>
    </Shell>
  );
}

function ResetDialog({ user, onClose }: { user: UserAccount; onClose: () => void }) {
  const { t } = useTranslation('staffUsers');
  const save = useSave();
  const form = useZodForm(ResetForm, { defaultValues: { password: '' } });
  return (
    <Shell title={t('resetTitle', { name: user.displayName })} onClose={onClose}>
      <p>{t('resetText', { name: user.displayName })}</p>
      <StaffForm
        form={form}
        label={t('resetTitle', { name: user.displayName })}
        submitLabel={t('resetSubmit')}
        onSubmit={async (v) => {
          await save('user.resetPassword', { userId: user.id, password: v.password });
          onClose();
        }}
        actions={
          <button type="button" className="button" onClick={onClose}>
            {t('cancel')}
          </button>
        }
      >
        <TextInput
          control={form.control}
          name="password"
          label={t('password')}
          description={t('passwordHint')}
          autoComplete="new-password"
        />
      </StaffForm>
    </Shell>
  );
}

function ConfirmDialog(props: {
  title: string;
  text: string;
  confirm: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('staffUsers');
  return (
    <Shell title={props.title} onClose={props.onClose}>
      <p>{props.text}</p>
      <div className="form-actions">
        <button
          type="button"
          className="button danger"
          onClick={() => {
            props.onConfirm();
            props.onClose();
          }}
        >
          {props.confirm}
        </button>
        <button type="button" className="button" onClick={props.onClose}>
          {t('cancel')}
        </button>
      </div>
    </Shell>
  );
}
