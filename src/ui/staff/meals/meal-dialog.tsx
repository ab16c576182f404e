/**
 * One meal, edited in a dialog from its cell in the week grid: the dish, a description, the
 * EU's 14 allergens as choices, a photo (uploaded at once), and whether residents can sign up
 * for it on the wall; beside it the kiosk's own meal card. Saved with `meal.put`, deleted with
 * `meal.del` (undone from the "Gemt" notice). Validated by the protocol's `MealInput` rules.
 */
import { useMemo } from 'react';
import { useController, useWatch } from 'react-hook-form';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ALLERGENS, allergenFromWord, type AllergenCode } from '../../../domain/allergens.js';
import type { Meal, MealSlot } from '../../../domain/model.js';
import { takesSignUp } from '../../../domain/rules/meal-plan.js';
import { MealInput } from '../../../protocol/index.js';
import { MealCard } from '../../kiosk/meals/meal-card.js';
import mealsCss from '../../kiosk/meals/meals.css?inline';
import { CheckboxGroupField } from '../forms/choice-fields.js';
import { CheckboxField, TextInput } from '../forms/fields.js';
import { StaffForm, useZodForm } from '../forms/form.js';
import { UploadButton } from '../media/upload-button.js';
import { KioskSurface } from '../shell/kiosk-surface.js';

const f = MealInput.shape;
export const MealFormSchema = z.object({
  dish: f.dish,
  description: f.description,
  allergens: f.allergens,
  photo: f.photo,
  signUp: z.boolean(),
});
export type MealFormValues = z.infer<typeof MealFormSchema>;

const CSS = [mealsCss];

/** A stored meal's values; allergens written as words before the EU list become their codes. */
export function mealFormValues(meal: Meal | null): MealFormValues {
  const codes: AllergenCode[] = [];
  for (const a of meal?.allergens ?? []) {
    const code = allergenFromWord(a);
    if (code && !codes.includes(code)) codes.push(code);
  }
  return {
    dish: meal?.dish ?? '',
    description: meal?.description ?? '',
    allergens: codes,
    photo: meal?.photo ?? null,
    signUp: meal ? takesSignUp(meal) : true,
  };
}

interface Props {
  /** The meal being edited, or null for a new one in `date`/`slot`. */
  meal: Meal | null;
  date: string;
  slot: MealSlot;
  /** "tirsdag 1. december". */
  dayWords: string;
  onSave: (values: MealFormValues) => Promise<void>;
  onDelete: (meal: Meal) => Promise<void>;
  onClose: () => void;
}

export function MealDialog(p: Props) {
  const { t, i18n } = useTranslation('staffMeals');
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const initial = useMemo(() => mealFormValues(p.meal), [p.meal]);
  const form = useZodForm(MealFormSchema, {
    defaultValues: initial,
    draftKey: p.meal ? `meal:${p.meal.id}` : `meal:new:${p.date}:${p.slot}`,
  });
  const values = useWatch({ control: form.control }) as MealFormValues;
  const photo = useController({ control: form.control, name: 'photo' });
  const slot = t(`slot.${p.slot}`);
  const title = p.meal
    ? t('dialog.editTitle', { slot, day: p.dayWords })
    : t('dialog.newTitle', { slot, day: p.dayWords });
  const preview: Meal = {
    id: p.meal?.id ?? 'preview',
    date: p.date,
    slot: p.slot,
    dish: values.dish?.trim() || slot,
    description: values.description ?? '',
    allergens: values.allergens ?? [],
    photo: values.photo ?? null,
    pictogram: p.meal?.pictogram ?? null,
    signUp: values.signUp ?? true,
  };

  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(o) => !o && p.onClose()}
    >
      <Modal className="modal wide">
        <Dialog aria-labelledby="meal-dialog-title">
          <Heading slot="title" id="meal-dialog-title">
            {title}
          </Heading>
          <div className="meal-edit">
            <StaffForm
              form={form}
              label={t('dialog.label')}
              draftKey={p.meal ? `meal:${p.meal.id}` : `meal:new:${p.date}:${p.slot}`}
              submitLabel={t('dialog.save')}
              onSubmit={p.onSave}
              actions={
                <>
                  <button type="button" className="button" onClick={p.onClose}>
                    {t('dialog.cancel')}
                  </button>
                  {p.meal && (
                    <button
                      type="button"
                      className="button danger"
                      onClick={() => p.meal && void p.onDelete(p.meal)}
                    >
                      {t('dialog.delete')}
                    </button>
                  )}
                </>
              }
            >
              <TextInput
                control={form.control}
                name="dish"
                label={t('dialog.dish')}
                schema={MealFormSchema}
              />
              <TextInput
                control={form.control}
                name="description"
                label={t('dialog.description')}
                description={t('dialog.descriptionHelp')}
                schema={MealFormSchema}
                multiline
              />
              <CheckboxGroupField
                control={form.control}
                name="allergens"
                label={t('dialog.allergens')}
                description={t('dialog.allergensHelp')}
                choices={ALLERGENS.map((a) => ({ id: a.code, label: a[lang] }))}
              />
              <div className="field">
                <span className="field-label" id="meal-photo-label">
                  {t('dialog.photo')}
                </span>
                {photo.field.value && (
                  <p className="meal-photo-row">
                    <img src={`/media/${String(photo.field.value)}`} alt="" />
                    <button
                      type="button"
                      className="button"
                      onClick={() => photo.field.onChange(null)}
                    >
                      {t('dialog.removePhoto')}
                    </button>
                  </p>
                )}
                <UploadButton accept="image" onUploaded={(u) => photo.field.onChange(u.hash)} />
              </div>
              <CheckboxField control={form.control} name="signUp" label={t('dialog.signUp')} />
            </StaffForm>
            <figure className="kiosk-preview" aria-label={t('dialog.preview')}>
              <figcaption>{t('dialog.preview')}</figcaption>
              <KioskSurface css={CSS}>
                <MealCard
                  meal={preview}
                  attendance={[]}
                  wall={new Map()}
                  dayWord={p.dayWords}
                  over={false}
                  onAsk={takesSignUp(preview) ? () => undefined : null}
                />
              </KioskSurface>
            </figure>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
