/**
 * "Slet alle data om beboeren": what will go, a reminder to download first, and the resident's
 * name typed to confirm, so a slip of the finger cannot erase anyone.
 */
import { useState } from 'react';
import {
  Dialog,
  Heading,
  Input,
  Label,
  Modal,
  ModalOverlay,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Resident } from '../../../domain/model.js';
import '../today/operations.css';

export const sameName = (typed: string, name: string): boolean =>
  typed.trim().toLocaleLowerCase('da') === name.trim().toLocaleLowerCase('da');

export function EraseDialog({
  resident,
  onClose,
  onErase,
}: {
  resident: Resident;
  onClose: () => void;
  onErase: () => Promise<void>;
}) {
  const { t } = useTranslation('staffResidents');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const ok = sameName(typed, resident.displayName);
  return (
    <ModalOverlay
      className="ops-modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(o) => !o && onClose()}
    >
      <Modal className="ops-modal">
        <Dialog aria-labelledby="erase-title" role="alertdialog">
          <Heading slot="title" id="erase-title">
            {t('erase.title', { name: resident.displayName })}
          </Heading>
          <p>{t('erase.body')}</p>
          <p>
            <strong>{t('erase.exportFirst')}</strong>
          </p>
          <TextField className="field" value={typed} onChange={setTyped} autoFocus>
            <Label>{t('erase.typeName')}</Label>
            <Input autoComplete="off" />
          </TextField>
          <div className="people-actions">
            <button
              type="button"
              className="button danger"
              disabled={!ok || busy}
              onClick={() => {
                setBusy(true);
                void onErase().finally(() => setBusy(false));
              }}
            >
              {t('erase.confirm')}
            </button>
            <button type="button" className="button" onClick={onClose}>
              {t('erase.cancel')}
            </button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
