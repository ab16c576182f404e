/**
 * "Inviter pårørende": the relative's name, an optional e-mail (their username if free), and the
 * residents they may see; residents without consent for the relatives' view are shown but cannot
 * be chosen. Saving sends `relative.invite` with a token made here; the link and its QR code are
 * then shown once (LinkCard).
 */
import { useState } from 'react';
import {
  Checkbox,
  CheckboxGroup,
  Dialog,
  Heading,
  Label,
  Modal,
  ModalOverlay,
} from 'react-aria-components';
import { useController } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { renderSVG } from 'uqr';
import { z } from 'zod';
import { Id, type Resident } from '../../../domain/model.js';
import { useToday } from '../../shared/data/hooks.js';
import { fieldId, TextInput } from '../forms/fields.js';
import { StaffForm, useZodForm } from '../forms/form.js';
import { byName } from '../residents/residents-page.js';
import { useSave } from '../shell/save.js';
import { langOf, whenWords } from '../today/time.js';
import { invitationLink, newInvitationToken } from './invite.js';
import '../today/operations.css';

export const InviteForm = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.union([z.literal(''), z.email().max(200)]),
  residentIds: z.array(Id).min(1, 'Vælg mindst én beboer').max(20),
});

export interface MadeLink {
  inviteId: string;
  name: string;
  link: string;
  expiresAt: string;
}

export const INVITATION_DAYS = 7;

export function InviteDialog({
  residents,
  onClose,
  onMade,
}: {
  residents: Resident[];
  onClose: () => void;
  onMade: (l: MadeLink) => void;
}) {
  const { t } = useTranslation('staffRelatives');
  const save = useSave();
  const { now } = useToday();
  const form = useZodForm(InviteForm, { defaultValues: { name: '', email: '', residentIds: [] } });
  const chosen = useController({ control: form.control, name: 'residentIds' });
  return (
    <ModalOverlay
      className="ops-modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(o) => !o && onClose()}
    >
      <Modal className="ops-modal">
        <Dialog aria-labelledby="invite-title">
          <Heading slot="title" id="invite-title">
            {t('form.title')}
          </Heading>
          <StaffForm
            form={form}
            label={t('form.title')}
            submitLabel={t('form.create')}
            onSubmit={async (v) => {
              const token = newInvitationToken();
              const inviteId = crypto.randomUUID();
              await save('relative.invite', {
                inviteId,
                residentIds: v.residentIds,
                name: v.name,
                email: v.email === '' ? null : v.email,
                token,
              });
              onMade({
                inviteId,
                name: v.name,
                link: invitationLink(window.location.origin, token),
                expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
              });
            }}
            actions={
              <button type="button" className="button" onClick={onClose}>
                {t('form.cancel')}
              </button>
            }
          >
            <TextInput
              control={form.control}
              name="name"
              label={t('form.name')}
              schema={InviteForm}
            />
            <TextInput
              control={form.control}
              name="email"
              type="email"
              label={t('form.email')}
              description={t('form.emailHint')}
            />
            <CheckboxGroup
              className="field"
              value={chosen.field.value}
              onChange={(v) => chosen.field.onChange(v)}
              isInvalid={chosen.fieldState.invalid}
              id={fieldId('residentIds')}
            >
              <Label>{t('form.residents')}</Label>
              {[...residents].sort(byName).map((r) => (
                <Checkbox
                  key={r.id}
                  value={r.id}
                  className="checkbox"
                  isDisabled={!r.consent.relatives.given}
                >
                  <span className="checkbox-box" aria-hidden="true" />
                  {r.displayName}
                  {!r.consent.relatives.given && (
                    <span className="muted"> {t('form.noConsent')}</span>
                  )}
                </Checkbox>
              ))}
              {chosen.fieldState.error && (
                <p className="field-error" role="alert">
                  {chosen.fieldState.error.message}
                </p>
              )}
            </CheckboxGroup>
          </StaffForm>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** The new link, its QR code (uqr, as the kiosks' enrolment) and when it stops working. */
export function LinkCard({
  made,
  accepted,
  onDone,
}: {
  made: MadeLink;
  /** The server has the invitation (it is in the cache). */
  accepted: boolean;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation('staffRelatives');
  const { now, timeZone } = useToday(30_000);
  const [copied, setCopied] = useState(false);
  const qr = `data:image/svg+xml;utf8,${encodeURIComponent(renderSVG(made.link))}`;
  return (
    <section className="people-link-box" aria-labelledby="made-link-title" role="status">
      <div>
        <h2 id="made-link-title">{t('created.title', { name: made.name })}</h2>
        <p>{t('created.how')}</p>
        <p className="people-link" aria-label={t('created.link')}>
          {made.link}
        </p>
        <p>
          <strong>
            {t('created.expires', {
              when: whenWords(langOf(i18n.language), made.expiresAt, timeZone, now),
            })}
          </strong>
        </p>
        {!accepted && <p className="muted">{t('created.pending')}</p>}
        <div className="people-actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              void navigator.clipboard?.writeText(made.link).then(() => setCopied(true));
            }}
          >
            {copied ? t('created.copied') : t('created.copy')}
          </button>
          <button type="button" className="button primary" onClick={onDone}>
            {t('created.done')}
          </button>
        </div>
      </div>
      <img src={qr} alt={t('created.qr', { name: made.name })} />
    </section>
  );
}
