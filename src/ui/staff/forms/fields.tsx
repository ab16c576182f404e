/**
 * Form fields over React Aria Components, bound to react-hook-form: one label above each field,
 * the rule from the schema under it before any mistake, the error beside it in plain Danish
 * (zod's Danish messages, see main.tsx), `aria-invalid` and `aria-describedby` done by React Aria.
 * Each field takes the form's `control`, its `name` and the schema (for the rule text).
 */
import type { ReactNode } from 'react';
import {
  Checkbox as AriaCheckbox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Button as AriaButton,
  Popover,
  Select,
  SelectValue,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { fieldSchema, ruleText } from './rules.js';

interface Common<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  /** Extra help under the label; the schema's rule is added after it. */
  description?: string;
  /** The form's schema, for the rule text. */
  schema?: z.ZodType;
}

/** The id an error summary links to (the field's input). */
export const fieldId = (name: string): string => `field-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

function useHelp(schema: z.ZodType | undefined, name: string, description?: string) {
  const { t } = useTranslation('staff');
  const leaf = name.split('.').pop() ?? name;
  const rule = schema ? ruleText(t, fieldSchema(schema, leaf)) : null;
  return [description, rule].filter(Boolean).join(' ') || null;
}

export function TextInput<T extends FieldValues>(
  props: Common<T> & {
    type?: 'text' | 'password' | 'email' | 'url';
    autoComplete?: string;
    multiline?: boolean;
  },
) {
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  const help = useHelp(props.schema, props.name, props.description);
  return (
    <TextField
      className="field"
      name={field.name}
      value={field.value ?? ''}
      onChange={field.onChange}
      onBlur={field.onBlur}
      isInvalid={fieldState.invalid}
      validationBehavior="aria"
      type={props.type ?? 'text'}
      {...(props.autoComplete ? { autoComplete: props.autoComplete } : {})}
    >
      <Label>{props.label}</Label>
      {help && <Text slot="description">{help}</Text>}
      {props.multiline ? (
        <TextArea id={fieldId(props.name)} ref={field.ref} rows={6} />
      ) : (
        <Input id={fieldId(props.name)} ref={field.ref} />
      )}
      <FieldError>{fieldState.error?.message}</FieldError>
    </TextField>
  );
}

export function CheckboxField<T extends FieldValues>(props: Common<T>) {
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  const id = fieldId(props.name);
  // A tick the schema requires (a consent) says why beside it, as the other fields do.
  const error = fieldState.error?.message;
  const described = [props.description && `${id}-help`, error && `${id}-error`].filter(Boolean);
  return (
    <div className="field">
      <AriaCheckbox
        id={id}
        className="checkbox"
        isSelected={Boolean(field.value)}
        onChange={field.onChange}
        onBlur={field.onBlur}
        isInvalid={fieldState.invalid}
        validationBehavior="aria"
        {...(described.length > 0 ? { 'aria-describedby': described.join(' ') } : {})}
      >
        <span className="checkbox-box" aria-hidden="true" />
        {props.label}
      </AriaCheckbox>
      {props.description && (
        <p className="field-help" id={`${id}-help`}>
          {props.description}
        </p>
      )}
      {error && (
        <p className="field-error" slot="errorMessage" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export interface Choice {
  id: string;
  label: string;
}

export function SelectField<T extends FieldValues>(props: Common<T> & { choices: Choice[] }) {
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  const help = useHelp(props.schema, props.name, props.description);
  return (
    <Select
      className="field"
      selectedKey={field.value ?? null}
      onSelectionChange={(key) => field.onChange(key)}
      onBlur={field.onBlur}
      isInvalid={fieldState.invalid}
      validationBehavior="aria"
    >
      <Label>{props.label}</Label>
      {help && <Text slot="description">{help}</Text>}
      <AriaButton id={fieldId(props.name)} className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </AriaButton>
      <FieldError>{fieldState.error?.message}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox">
          {props.choices.map((c) => (
            <ListBoxItem key={c.id} id={c.id} className="listbox-item">
              {c.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

/** A group of fields with a visible legend. */
export function FieldGroup({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="field-group">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
