/**
 * The pictogram picker: the shipped set (assets/pictograms, with their Danish names from
 * index.json) as a grid of radio buttons in a popover, so it is one arrow-key list for a keyboard
 * and a screen reader, and a grid of pictures for everyone else.
 */
import {
  Button,
  Dialog,
  DialogTrigger,
  Heading,
  Label,
  Popover,
  Radio,
  RadioGroup,
  Text,
} from 'react-aria-components';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import names from '../../../../assets/pictograms/index.json';
import { pictogramUrl } from '../../kiosk/shared/pictogram.js';
import { fieldId } from '../forms/fields.js';

/** Marks and controls the kiosk draws itself, not subjects of an activity. */
const NOT_SUBJECTS = new Set(['changed', 'check', 'cross', 'lock', 'speaker', 'speaker-off']);

export const pictograms: { name: string; label: string }[] = Object.entries(
  names as Record<string, string>,
)
  .filter(([name]) => !NOT_SUBJECTS.has(name) && pictogramUrl(name, '') !== null)
  .map(([name, label]) => ({ name, label }))
  .sort((a, b) => a.label.localeCompare(b.label, 'da'));

const labelOf = (name: string | null): string | null =>
  name === null ? null : ((names as Record<string, string>)[name] ?? name);

interface Props<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
}

export function PictogramPicker<T extends FieldValues>({ control, name }: Props<T>) {
  const { t } = useTranslation('staffActivities');
  const { field } = useController({ control, name });
  const value = (field.value as string | null) ?? null;
  const url = pictogramUrl(value, 'activity');
  return (
    <div className="field pictogram-field">
      <span className="acts-field-label" id={`${fieldId(name)}-label`}>
        {t('form.pictogram')}
      </span>
      <p className="field-help">{t('form.pictogramHelp')}</p>
      <DialogTrigger>
        <Button
          id={fieldId(name)}
          className="button acts-pictogram-button"
          aria-labelledby={`${fieldId(name)}-label ${fieldId(name)}`}
        >
          {url && <img src={url} alt="" className="acts-pictogram-current" />}
          <span>{labelOf(value) ?? t('form.noPictogram')}</span>
        </Button>
        <Popover className="popover acts-pictogram-popover" placement="bottom start">
          <Dialog className="acts-pictogram-dialog" aria-label={t('form.pictogram')}>
            {({ close }) => (
              <>
                <Heading slot="title" className="visually-hidden">
                  {t('form.pictogram')}
                </Heading>
                <RadioGroup
                  className="acts-pictogram-grid"
                  value={value ?? ''}
                  onChange={(v) => {
                    field.onChange(v === '' ? null : v);
                    close();
                  }}
                >
                  <Label className="visually-hidden">{t('form.pictogram')}</Label>
                  <Text slot="description" className="visually-hidden">
                    {t('form.pictogramHelp')}
                  </Text>
                  {pictograms.map((p) => (
                    <Radio key={p.name} value={p.name} className="acts-pictogram-option">
                      <img src={pictogramUrl(p.name, 'activity') ?? ''} alt="" />
                      <span>{p.label}</span>
                    </Radio>
                  ))}
                </RadioGroup>
              </>
            )}
          </Dialog>
        </Popover>
      </DialogTrigger>
    </div>
  );
}
