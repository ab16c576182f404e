/** Making or editing one weekday template (`daytemplate.put`), with the kiosk card's preview. */
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DayTemplate } from '../../../domain/model.js';
import { SelectField, TextInput } from '../forms/fields.js';
import { TimeInputField } from '../forms/date-fields.js';
import { StaffForm, useZodForm } from '../forms/form.js';
import { PictogramPicker } from '../activities/pictogram-picker.js';
import { useSave } from '../shell/save.js';
import { ItemPreview } from './item-preview.js';
import { WEEKDAYS_FROM_MONDAY, weekdayWord } from '../shell/week.js';

/** The weekday travels as text in the select; the form turns it back into 0–6. */
export const TemplateForm = DayTemplate.pick({
  start: true,
  end: true,
  title: true,
  pictogram: true,
}).extend({
  weekday: z.enum(['0', '1', '2', '3', '4', '5', '6']),
});

export interface TemplateDraft {
  existing: DayTemplate | null;
  id: string;
  residentId: string | null;
  groupId: string | null;
  weekday: number;
}

export function TemplateDialog({ draft, onClose }: { draft: TemplateDraft; onClose: () => void }) {
  const { t } = useTranslation('staffDayStructure');
  const save = useSave();
  const e = draft.existing;
  // No draft yet: the kit re-reads a draft on every render, so one written while typing is
  // announced as restored, and some forms then did not submit (reported to the lead).
  const form = useZodForm(TemplateForm, {
    defaultValues: {
      weekday: String(e?.weekday ?? draft.weekday) as '1',
      start: e?.start ?? '09:00',
      end: e?.end ?? null,
      title: e?.title ?? '',
      pictogram: e?.pictogram ?? null,
    },
  });
  const values = form.watch();
  return (
    <ModalOverlay
      className="planning-modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(open) => !open && onClose()}
    >
      <Modal className="planning-modal">
        <Dialog aria-labelledby="template-dialog-title">
          <Heading slot="title" id="template-dialog-title">
            {e ? t('editWhat', { what: e.title }) : t('newTemplate')}
          </Heading>
          <div className="planning-modal-body">
            <StaffForm
              form={form}
              label={t('templateDialog')}
              onSubmit={async (v) => {
                await save(
                  'daytemplate.put',
                  {
                    id: draft.id,
                    residentId: draft.residentId,
                    groupId: draft.groupId,
                    ...v,
                    weekday: Number(v.weekday),
                  },
                  e
                    ? { undo: { name: 'daytemplate.put', args: e } }
                    : { undo: { name: 'daytemplate.del', args: { id: draft.id } } },
                );
                onClose();
              }}
              actions={
                <button type="button" className="button" onClick={onClose}>
                  {t('cancel')}
                </button>
              }
            >
              <SelectField
                control={form.control}
                name="weekday"
                label={t('fields.weekday')}
                choices={WEEKDAYS_FROM_MONDAY.map((d) => ({
                  id: String(d),
                  label: weekdayWord(d, 'da'),
                }))}
              />
              <TextInput
                control={form.control}
                name="title"
                label={t('fields.title')}
                schema={TemplateForm}
              />
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
                changed: false,
              }}
            />
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
