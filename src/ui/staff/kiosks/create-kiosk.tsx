/**
 * "Tilføj skærm": a name and a place; the server makes the kiosk and a one-time code
 * (`POST /api/devices`: the code is a secret shown once, so it is not a synced mutation). Then
 * the address with the code, its QR code (uqr, the same as the command line's) and when the
 * code stops working, in the centre's time.
 */
import { useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { renderSVG } from 'uqr';
import { z } from 'zod';
import { TextInput } from '../forms/fields.js';
import { StaffForm, useZodForm } from '../forms/form.js';
import { useToday } from '../../shared/data/hooks.js';
import { langOf, whenWords } from '../today/time.js';

export const KioskForm = z.object({
  name: z.string().trim().min(1).max(100),
  location: z.string().trim().max(200),
});

export interface CreatedKiosk {
  name: string;
  /** A new code for a kiosk that was there already. */
  again?: boolean;
  code: string;
  deviceId: string;
  expiresAt: string;
  kioskAddress: string;
}

type Outcome = { ok: true; kiosk: CreatedKiosk } | { ok: false; message: string | null };

export async function createKiosk(name: string, location: string): Promise<Outcome> {
  try {
    const res = await fetch('/api/devices', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ name, location }),
    });
    const body = (await res.json().catch(() => ({}))) as Partial<CreatedKiosk> & {
      message?: string;
    };
    if (!res.ok) return { ok: false, message: body.message ?? `HTTP ${res.status}` };
    return { ok: true, kiosk: { ...(body as CreatedKiosk), name } };
  } catch {
    return { ok: false, message: null };
  }
}

/** A new code for a kiosk that exists (`POST /api/devices/:id/code`). */
export async function newKioskCode(deviceId: string, name: string): Promise<Outcome> {
  try {
    const res = await fetch(`/api/devices/${encodeURIComponent(deviceId)}/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: '{}',
    });
    const body = (await res.json().catch(() => ({}))) as Partial<CreatedKiosk> & {
      message?: string;
    };
    if (!res.ok) return { ok: false, message: body.message ?? `HTTP ${res.status}` };
    return { ok: true, kiosk: { ...(body as CreatedKiosk), name, again: true } };
  } catch {
    return { ok: false, message: null };
  }
}

export function CreateKioskDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (k: CreatedKiosk) => void;
}) {
  const { t } = useTranslation('staffKiosks');
  const form = useZodForm(KioskForm, { defaultValues: { name: '', location: '' } });
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <ModalOverlay
      className="ops-modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(o) => !o && onClose()}
    >
      <Modal className="ops-modal">
        <Dialog aria-labelledby="create-kiosk-title">
          <Heading slot="title" id="create-kiosk-title">
            {t('addTitle')}
          </Heading>
          {problem && (
            <p className="ops-problem" role="alert">
              {problem}
            </p>
          )}
          <StaffForm
            form={form}
            label={t('addTitle')}
            submitLabel={t('create')}
            onSubmit={async (v) => {
              const r = await createKiosk(v.name, v.location);
              if (r.ok) onCreated(r.kiosk);
              else
                setProblem(
                  r.message === null ? t('offline') : t('createFailed', { why: r.message }),
                );
            }}
            actions={
              <button type="button" className="button" onClick={onClose}>
                {t('cancel')}
              </button>
            }
          >
            <TextInput
              control={form.control}
              name="name"
              label={t('name')}
              description={t('nameHint')}
              schema={KioskForm}
            />
            <TextInput
              control={form.control}
              name="location"
              label={t('location')}
              description={t('locationHint')}
              schema={KioskForm}
            />
          </StaffForm>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** The new kiosk's address, QR code and code, until staff say they are done. */
export function CreatedKioskCard({ kiosk, onDone }: { kiosk: CreatedKiosk; onDone: () => void }) {
  const { t, i18n } = useTranslation('staffKiosks');
  const { now, timeZone } = useToday(30_000);
  const qr = `data:image/svg+xml;utf8,${encodeURIComponent(renderSVG(kiosk.kioskAddress))}`;
  return (
    <section className="ops-created" aria-labelledby="created-kiosk-title">
      {/* Focused when it appears, so a screen reader reads the code next. */}
      <h2 id="created-kiosk-title" tabIndex={-1} ref={(h) => h?.focus()}>
        {t(kiosk.again ? 'created.newTitle' : 'created.title', { name: kiosk.name })}
      </h2>
      <div>
        <p>{t('created.how')}</p>
        <dl className="ops-facts">
          <dt>{t('created.code')}</dt>
          <dd className="ops-code">{kiosk.code}</dd>
          <dt>{t('created.address')}</dt>
          {/* Text, not a link: opened here it would make this browser the kiosk. */}
          <dd className="ops-address">{kiosk.kioskAddress}</dd>
        </dl>
        <p>
          <strong>
            {t('created.expires', {
              when: whenWords(langOf(i18n.language), kiosk.expiresAt, timeZone, now),
            })}
          </strong>
        </p>
        <button type="button" className="button primary" onClick={onDone}>
          {t('created.done')}
        </button>
      </div>
      <img src={qr} alt={t('created.qr')} />
    </section>
  );
}
