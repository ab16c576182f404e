/**
 * More fields over React Aria, bound to react-hook-form like fields.tsx: a number field that may
 * be empty (no limit), a radio group, and a group of checkboxes (weekdays, groups, allergens).
 * Same classes, labels and error lines.
 */
import {
  Checkbox,
  CheckboxGroup,
  FieldError,
  Input,
  Label,
  NumberField,
  Radio,
  RadioGroup,
  Text,
} from 'react-aria-components';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { fieldId } from './fields.js';

interface Common<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  description?: string | null;
}

export function NumberInput<T extends FieldValues>(
  props: Common<T> & { minValue?: number; maxValue?: number },
) {
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  return (
    <NumberField
      className="field acts-number-field"
      value={typeof field.value === 'number' ? field.value : Number.NaN}
      onChange={(n) => field.onChange(Number.isNaN(n) ? null : n)}
      onBlur={field.onBlur}
      isInvalid={fieldState.invalid}
      validationBehavior="aria"
      formatOptions={{ useGrouping: false, maximumFractionDigits: 0 }}
      {...(props.minValue !== undefined ? { minValue: props.minValue } : {})}
      {...(props.maxValue !== undefined ? { maxValue: props.maxValue } : {})}
    >
      <Label>{props.label}</Label>
      {props.description && <Text slot="description">{props.description}</Text>}
      <Input id={fieldId(props.name)} ref={field.ref} className="acts-number-input" />
      <FieldError>{fieldState.error?.message}</FieldError>
    </NumberField>
  );
}

export interface RadioChoice {
  id: string;
  label: string;
}

export function RadioField<T extends FieldValues>(
  props: Common<T> & { choices: readonly RadioChoice[]; orientation?: 'horizontal' | 'vertical' },
) {
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  return (
    <RadioGroup
      className={`field acts-radio-group ${props.orientation ?? 'vertical'}`}
      id={fieldId(props.name)}
      value={String(field.value)}
      onChange={field.onChange}
      onBlur={field.onBlur}
      isInvalid={fieldState.invalid}
      validationBehavior="aria"
      orientation={props.orientation ?? 'vertical'}
    >
      <Label>{props.label}</Label>
      {props.description && <Text slot="description">{props.description}</Text>}
      <div className="acts-radio-choices">
        {props.choices.map((c) => (
          <Radio key={c.id} value={c.id} className="acts-radio">
            <span className="acts-radio-dot" aria-hidden="true" />
            {c.label}
          </Radio>
        ))}
      </div>
      <FieldError>{fieldState.error?.message}</FieldError>
    </RadioGroup>
  );
}

/** Checkboxes whose values are strings or numbers (kept as the choice's own type). */
export function CheckboxGroupField<T extends FieldValues>(
  props: Common<T> & { choices: readonly { id: string | number; label: string }[] },
) {
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  const selected = (Array.isArray(field.value) ? field.value : []) as (string | number)[];
  const byKey = new Map(props.choices.map((c) => [String(c.id), c.id]));
  return (
    <CheckboxGroup
      className="field acts-checkbox-group"
      id={fieldId(props.name)}
      value={selected.map(String)}
      onChange={(keys) => field.onChange(keys.map((k) => byKey.get(k) ?? k))}
      onBlur={field.onBlur}
      isInvalid={fieldState.invalid}
      validationBehavior="aria"
    >
      <Label>{props.label}</Label>
      {props.description && <Text slot="description">{props.description}</Text>}
      <div className="acts-checkbox-choices">
        {props.choices.map((c) => (
          <Checkbox key={String(c.id)} value={String(c.id)} className="checkbox">
            <span className="checkbox-box" aria-hidden="true" />
            {c.label}
          </Checkbox>
        ))}
      </div>
      <FieldError>{fieldState.error?.message}</FieldError>
    </CheckboxGroup>
  );
}
