/** Edit a kiosk's name and place (`device.put`), and remove it (`device.revoke`, confirmed). */
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Kiosk } from '../../../domain/model.js';
import { TextInput } from '../forms/fields.js';
import { StaffForm, useZodForm } from '../forms/form.js';
import { useSave } from '../shell/save.js';
import { KioskForm } from './create-kiosk.js';

export function RenameKioskDialog({ kiosk, onClose }: { kiosk: Kiosk; onClose: () => void }) {
  const { t } = useTranslation('staffKiosks');
  const save = useSave();
  const form = useZodForm(KioskForm, {
    defaultValues: { name: kiosk.name, location: kiosk.location },
  });
  return (
    <ModalOverlay
      className="ops-modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(o) => !o && onClose()}
    >
      <Modal className="ops-modal">
        <Dialog aria-labelledby="rename-kiosk-title">
          <Heading slot="title" id="rename-kiosk-title">
            {t('renameTitle', { name: kiosk.name })}
          </Heading>
          <StaffForm
            form={form}
            label={t('renameTitle', { name: kiosk.name })}
            submitLabel={t('save')}
            onSubmit={async (v) => {
              const before = {
                deviceId: kiosk.id,
                name: kiosk.name,
                location: kiosk.location,
                groupIds: kiosk.groupIds,
              };
              await save(
                'device.put',
                { ...before, ...v },
                { undo: { name: 'device.put', args: before } },
              );
              onClose();
            }}
            actions={
              <button type="button" className="button" onClick={onClose}>
                {t('cancel')}
              </button>
            }
          >
            <TextInput control={form.control} name="name" label={t('name')} schema={KioskForm} />
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

export function RevokeKioskDialog({ kiosk, onClose }: { kiosk: Kiosk; onClose: () => void }) {
  const { t } = useTranslation('staffKiosks');
  const save = useSave();
  return (
    <ModalOverlay
      className="ops-modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(o) => !o && onClose()}
    >
      <Modal className="ops-modal">
        <Dialog role="alertdialog" aria-labelledby="revoke-kiosk-title">
          <Heading slot="title" id="revoke-kiosk-title">
            {t('revokeTitle', { name: kiosk.name })}
          </Heading>
          <p>{t('revokeText')}</p>
          <div className="form-actions">
            <button
              type="button"
              className="button danger"
              onClick={() => {
                void save('device.revoke', { deviceId: kiosk.id });
                onClose();
              }}
            >
              {t('revokeConfirm')}
            </button>
            <button type="button" className="button" onClick={onClose}>
              {t('cancel')}
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
