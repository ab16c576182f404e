/**
 * The municipal admin's forms validate with the server's own schemas (src/protocol/municipal.ts),
 * and say each refusal in the page's language: a schema's own message (the slug's, the
 * username's, written in English for the API) wins over zod's locale, so those are recognised
 * by their text, which the domain exports, and put in words here; zod's generic ones
 * ("too small") are worded for a form ("Skal udfyldes", "Højst 80 tegn").
 */
import { toNestErrors } from '@hookform/resolvers';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import type { FieldError, FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { SLUG_MAX_LENGTH, SLUG_MESSAGES } from '../../domain/rules/centre-slug.js';
import {
  MIN_PASSWORD_LENGTH,
  PASSWORD_MESSAGE,
  USERNAME_MESSAGE,
} from '../../domain/rules/credentials.js';
import { TIME_ZONE_MESSAGE } from '../../protocol/municipal.js';

type T = TFunction<'municipal'>;

/**
 * One refusal of the schema in the page's words; `label` is the field's, so that an empty field
 * says which it is in the error summary too ("Centrets navn skal udfyldes", GOV.UK's advice).
 */
export function issueText(t: T, issue: z.core.$ZodIssue, label?: string): string {
  switch (issue.message) {
    case SLUG_MESSAGES.format:
      return t('rules.slugFormat', { max: SLUG_MAX_LENGTH });
    case SLUG_MESSAGES.doubleHyphen:
      return t('rules.slugDoubleHyphen');
    case SLUG_MESSAGES.reserved:
      return t('rules.slugReserved');
    case USERNAME_MESSAGE:
      return t('rules.username');
    case PASSWORD_MESSAGE:
      return t('rules.password', { min: MIN_PASSWORD_LENGTH });
    case TIME_ZONE_MESSAGE:
      return t('rules.timeZone');
    default:
  }
  if (issue.code === 'too_small' && issue.origin === 'string')
    return Number(issue.minimum) > 1
      ? t('rules.minLength', { count: Number(issue.minimum) })
      : label
        ? t('rules.requiredField', { field: label })
        : t('rules.required');
  if (issue.code === 'too_big' && issue.origin === 'string')
    return t('rules.maxLength', { count: Number(issue.maximum) });
  // Anything else in zod's own words, in the page's language (i18n.ts sets its locale).
  return issue.message;
}

/** The form's fields in the order it shows them: path and visible label. */
export type FieldLabels = readonly (readonly [path: string, label: string])[];

/**
 * A react-hook-form resolver over `schema`, its errors in the page's words (the first per field),
 * in the order the form shows its fields (`fields()`; the error summary lists them so), whatever
 * order the schema has them in.
 */
export function localisedResolver<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  words: () => T,
  fields: () => FieldLabels = () => [],
): Resolver<z.input<S> & FieldValues, unknown, z.output<S> & FieldValues> {
  const rank = (path: string) => {
    const at = fields().findIndex(([p]) => p === path);
    return at < 0 ? fields().length : at;
  };
  const labelOf = (path: string) => fields().find(([p]) => p === path)?.[1];
  return async (values, _context, options) => {
    const result = await schema.safeParseAsync(values);
    if (result.success) return { values: result.data as z.output<S> & FieldValues, errors: {} };
    const flat: Record<string, FieldError> = {};
    const issues = [...result.error.issues].sort(
      (a, b) => rank(a.path.join('.')) - rank(b.path.join('.')),
    );
    for (const issue of issues) {
      const path = issue.path.join('.');
      flat[path] ??= { type: issue.code, message: issueText(words(), issue, labelOf(path)) };
    }
    return {
      values: {},
      errors: toNestErrors(flat as FieldErrors, options),
    };
  };
}

/** The resolver for a form of this page, always in the language chosen now. */
export function useLocalisedResolver<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  fields: FieldLabels = [],
) {
  const { t } = useTranslation('municipal');
  const current = useRef({ t, fields });
  current.current = { t, fields };
  const [resolver] = useState(() =>
    localisedResolver(
      schema,
      () => current.current.t,
      () => current.current.fields,
    ),
  );
  return resolver;
}
