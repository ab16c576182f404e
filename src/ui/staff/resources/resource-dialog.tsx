/**
 * A resource and its booking rules in one form: name and pictogram, slot length, opening hours
 * per weekday (any number of periods a day), at most N active bookings per resident, release
 * after M minutes unused, and who may book it. Saved with `resource.put`.
 */
import {
  Checkbox,
  CheckboxGroup,
  Dialog,
  Heading,
  Label,
  Modal,
  ModalOverlay,
  Radio,
  RadioGroup,
  Text,
} from 'react-aria-components';
import { useController, useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Group, Resource } from '../../../domain/model.js';
import { CheckboxField, FieldGroup, TextInput, fieldId } from '../forms/fields.js';
import { TimeInputField } from '../forms/date-fields.js';
import { StaffForm, useZodForm } from '../forms/form.js';
import { PictogramPicker } from '../activities/pictogram-picker.js';
import { useSave } from '../shell/save.js';
import { WEEKDAYS_FROM_MONDAY, clock, useLang, weekdayWord } from '../shell/week.js';
import { ResourceForm, formOf, resourceOf } from './resource-form.js';

export function ResourceDialog({
  existing,
  id,
  groups,
  onClose,
}: {
  existing: Resource | null;
  id: string;
  groups: readonly Group[];
  onClose: () => void;
}) {
  const { t } = useTranslation('staffResources');
  const lang = useLang();
  const save = useSave();
  // No draft here: with a restored draft the kit's form did not submit (reported to the lead).
  const form = useZodForm(ResourceForm, {
    defaultValues: formOf(existing),
  });
  const opening = useFieldArray({ control: form.control, name: 'opening' });
  const release = form.watch('release');
  const audienceKind = form.watch('audienceKind');
  const audience = useController({ control: form.control, name: 'audienceKind' });
  const groupIds = useController({ control: form.control, name: 'groupIds' });
  return (
    <ModalOverlay
      className="planning-modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(open) => !open && onClose()}
    >
      <Modal className="planning-modal">
        <Dialog aria-labelledby="resource-dialog-title">
          <Heading slot="title" id="resource-dialog-title">
            {existing ? t('editWhat', { what: existing.name }) : t('newResource')}
          </Heading>
          <StaffForm
            form={form}
            label={t('form')}
            onSubmit={async (v) => {
              await save(
                'resource.put',
                resourceOf(id, v),
                existing
                  ? { undo: { name: 'resource.put', args: existing } }
                  : { undo: { name: 'resource.del', args: { id } } },
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
              name="name"
              label={t('fields.name')}
              schema={ResourceForm}
            />
            <PictogramPicker control={form.control} name="pictogram" />
            <TextInput
              control={form.control}
              name="slotMinutes"
              label={t('fields.slotMinutes')}
              description={t('fields.slotHelp')}
            />
            <FieldGroup legend={t('fields.opening')}>
              <p className="field-help">{t('fields.openingHelp')}</p>
              {WEEKDAYS_FROM_MONDAY.map((weekday) => {
                const day = weekdayWord(weekday, lang);
                const rows = opening.fields
                  .map((f, index) => ({ f, index }))
                  .filter(({ f }) => f.weekday === weekday);
                return (
                  <div key={weekday} className="opening-day">
                    <h3>{day}</h3>
                    {rows.length === 0 && <p className="muted">{t('summary.closed')}</p>}
                    {rows.map(({ f, index }) => (
                      <div key={f.id} className="field-row opening-row">
                        <TimeInputField
                          control={form.control}
                          name={`opening.${index}.from`}
                          label={`${t('fields.from')} (${day})`}
                        />
                        <TimeInputField
                          control={form.control}
                          name={`opening.${index}.to`}
                          label={`${t('fields.to')} (${day})`}
                        />
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => opening.remove(index)}
                        >
                          {t('fields.removeInterval', { day, from: clock(f.from, lang) })}
                        </button>
                      </div>
                    ))}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => opening.append({ weekday, from: '08:00', to: '20:00' })}
                    >
                      + {t('fields.addInterval', { day })}
                    </button>
                  </div>
                );
              })}
            </FieldGroup>
            <TextInput
              control={form.control}
              name="maxActivePerResident"
              label={t('fields.maxActive')}
            />
            <CheckboxField
              control={form.control}
              name="release"
              label={t('fields.release')}
              description={t('fields.releaseHelp')}
            />
            {release && (
              <TextInput
                control={form.control}
                name="releaseAfterMinutes"
                label={t('fields.releaseAfter')}
              />
            )}
            <RadioGroup
              className="field"
              value={audience.field.value}
              onChange={audience.field.onChange}
            >
              <Label>{t('fields.audience')}</Label>
              <Radio value="all" className="radio">
                {t('fields.everyone')}
              </Radio>
              <Radio value="groups" className="radio">
                {t('fields.someGroups')}
              </Radio>
            </RadioGroup>
            {audienceKind === 'groups' && (
              <CheckboxGroup
                id={fieldId('groupIds')}
                className="field"
                value={groupIds.field.value}
                onChange={groupIds.field.onChange}
                isInvalid={groupIds.fieldState.invalid}
              >
                <Label>{t('fields.groups')}</Label>
                {groups.map((g) => (
                  <Checkbox key={g.id} value={g.id} className="checkbox">
                    <span className="checkbox-box" aria-hidden="true" />
                    {g.name}
                  </Checkbox>
                ))}
                {groupIds.fieldState.error && (
                  <Text slot="errorMessage">{groupIds.fieldState.error.message}</Text>
                )}
              </CheckboxGroup>
            )}
          </StaffForm>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
