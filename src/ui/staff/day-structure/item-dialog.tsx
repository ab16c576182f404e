/**
 * Editing one day item, or making one, in a dialog beside the kiosk's own card (the preview
 * follows the form as staff type). Saved with `dayitem.put`; "Fortryd" puts the old one back.
 */
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { DayItem } from '../../../domain/model.js';
import { TextInput } from '../forms/fields.js';
import { DateInputField, TimeInputField } from '../forms/date-fields.js';
import { StaffForm, useZodForm } from '../forms/form.js';
import { PictogramPicker } from '../activities/pictogram-picker.js';
import { useSave } from '../shell/save.js';
import { ItemPreview } from './item-preview.js';

export const ItemForm = DayItem.pick({
  date: true,
  start: true,
  end: true,
  title: true,
  pictogram: true,
});

export interface ItemDraft {
  /** The item being edited, or null for a new one. */
  existing: DayItem | null;
  id: string;
  residentId: string | null;
  groupId: string | null;
  date: string;
}

export function ItemDialog({
  draft,
  today,
  onClose,
}: {
  draft: ItemDraft;
  today: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('staffDayStructure');
  const save = useSave();
  const e = draft.existing;
  // No draft yet: the kit re-reads a draft on every render, so one written while typing is
  // announced as restored, and some forms then did not submit (reported to the lead).
  const form = useZodForm(ItemForm, {
    defaultValues: {
      date: e?.date ?? draft.date,
      start: e?.start ?? '09:00',
      end: e?.end ?? null,
      title: e?.title ?? '',
      pictogram: e?.pictogram ?? null,
    },
  });
  const values = form.watch();
  const changed =
    values.date === today &&
    (!e ||
      e.title !== values.title ||
      e.start !== values.start ||
      e.end !== values.end ||
      e.pictogram !== values.pictogram ||
      e.date !== values.date);
  return (
    <ModalOverlay
      className="planning-modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(open) => !open && onClose()}
    >
      <Modal className="planning-modal">
        <Dialog aria-labelledby="item-dialog-title">
          <Heading slot="title" id="item-dialog-title">
            {e ? t('editWhat', { what: e.title }) : t('newItem')}
          </Heading>
          <div className="planning-modal-body">
            <StaffForm
              form={form}
              label={t('itemDialog')}
              onSubmit={async (v) => {
                await save(
                  'dayitem.put',
                  {
                    id: draft.id,
                    residentId: draft.residentId,
                    groupId: draft.groupId,
                    ...v,
                    changedOn: null,
                  },
                  e
                    ? { undo: { name: 'dayitem.put', args: e } }
                    : { undo: { name: 'dayitem.del', args: { id: draft.id } } },
                );
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
                name="title"
                label={t('fields.title')}
                schema={ItemForm}
              />
              <DateInputField control={form.control} name="date" label={t('fields.date')} />
              <div className="field-row">
                <TimeInputField control={form.control} name="start" label={t('fields.start')} />
                <TimeInputField
                  control={form.control}
                  name="end"
                  label={t('fields.end')}
                  description={t('fields.endHelp')}
                />
              </div>
              <PictogramPicker control={form.control} name="pictogram" />
            </StaffForm>
            <ItemPreview
              item={{
                title: values.title ?? '',
                start: values.start ?? '09:00',
                end: values.end ?? null,
                pictogram: values.pictogram ?? null,
                changed,
              }}
            />
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
