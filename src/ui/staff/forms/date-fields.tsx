/**
 * Date and time fields (React Aria DateField / TimeField: typed segment by segment, read by
 * screen readers, Danish order and 24-hour clock from the page's `da-DK` locale) over the
 * model's text forms: a LocalDate "2026-12-01" and a LocalTime "14:00" in the centre's zone.
 */
import { parseDate, parseTime, type CalendarDate, type Time } from '@internationalized/date';
import {
  DateField,
  DateInput,
  DateSegment,
  FieldError,
  Label,
  Text,
  TimeField,
} from 'react-aria-components';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { fieldId } from './fields.js';

interface Props<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  description?: string;
}

const safe = <V,>(parse: () => V): V | null => {
  try {
    return parse();
  } catch {
    return null;
  }
};

export function DateInputField<T extends FieldValues>(props: Props<T>) {
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  const value =
    typeof field.value === 'string' ? safe(() => parseDate(field.value as string)) : null;
  return (
    <DateField
      id={fieldId(props.name)}
      className="field"
      value={value}
      onChange={(v: CalendarDate | null) => field.onChange(v ? v.toString() : null)}
      onBlur={field.onBlur}
      isInvalid={fieldState.invalid}
      validationBehavior="aria"
    >
      <Label>{props.label}</Label>
      {props.description && <Text slot="description">{props.description}</Text>}
      <DateInput className="date-input">
        {(segment) => <DateSegment segment={segment} className="date-segment" />}
      </DateInput>
      <FieldError>{fieldState.error?.message}</FieldError>
    </DateField>
  );
}

export function TimeInputField<T extends FieldValues>(props: Props<T>) {
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  const value =
    typeof field.value === 'string' ? safe(() => parseTime(field.value as string)) : null;
  return (
    <TimeField
      id={fieldId(props.name)}
      className="field"
      value={value}
      hourCycle={24}
      onChange={(v: Time | null) =>
        field.onChange(
          v ? `${String(v.hour).padStart(2, '0')}:${String(v.minute).padStart(2, '0')}` : null,
        )
      }
      onBlur={field.onBlur}
      isInvalid={fieldState.invalid}
      validationBehavior="aria"
    >
      <Label>{props.label}</Label>
      {props.description && <Text slot="description">{props.description}</Text>}
      <DateInput className="date-input">
        {(segment) => <DateSegment segment={segment} className="date-segment" />}
      </DateInput>
      <FieldError>{fieldState.error?.message}</FieldError>
    </TimeField>
  );
}
