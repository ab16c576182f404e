/**
 * The rule a field must keep, read from the same zod schema the server validates with, so the
 * form can show it beside the field before the mistake ("Højst 200 tegn"), not only after.
 */
import type { TFunction } from 'i18next';
import { z } from 'zod';

/** The schema inside optional / nullable / default wrappers. */
function core(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (let i = 0; i < 10; i++) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
      s = s.unwrap() as z.ZodType;
    else break;
  }
  return s;
}

/** The field `name` of an object schema (after refinements), or null. */
export function fieldSchema(schema: z.ZodType, name: string): z.ZodType | null {
  const s = core(schema);
  if (s instanceof z.ZodObject) {
    const field = (s.shape as Record<string, z.ZodType | undefined>)[name];
    return field ?? null;
  }
  return null;
}

/** A short sentence for the field's limits, or null if it has none worth saying. */
export function ruleText(t: TFunction<'staff'>, schema: z.ZodType | null): string | null {
  if (!schema) return null;
  const s = core(schema);
  if (s instanceof z.ZodString) {
    const max = s.maxLength;
    const min = s.minLength;
    if (min !== null && min > 1 && max !== null) return t('form.lengthBetween', { min, max });
    if (min !== null && min > 1) return t('form.minLength', { count: min });
    if (max !== null && max <= 1000) return t('form.maxLength', { count: max });
    return null;
  }
  if (s instanceof z.ZodNumber) {
    const min = s.minValue;
    const max = s.maxValue;
    if (min !== null && max !== null && Number.isFinite(min) && Number.isFinite(max))
      return t('form.between', { min, max });
    return null;
  }
  return null;
}

/** Is an empty value refused (a required field)? */
export function isRequired(schema: z.ZodType | null): boolean {
  if (!schema) return false;
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return false;
  const s = core(schema);
  return s instanceof z.ZodString ? (s.minLength ?? 0) > 0 : false;
}
