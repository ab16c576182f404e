/**
 * A staff form: react-hook-form with the zod resolver over the protocol's own schema (the rule a
 * field shows is the rule the server keeps), GOV.UK's error summary at the top linking to each
 * field, a draft kept while typing (a phone call, a closed tab or a lost connection loses
 * nothing), and a question before leaving with unsaved changes.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldErrors,
  type FieldValues,
  type UseFormReturn,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { fieldId } from './fields.js';
import { useLeaveGuard } from './leave-guard.js';
import { clearDraft, readDraft, writeDraft } from './drafts.js';

export interface ZodFormOptions<T extends FieldValues> {
  defaultValues: DefaultValues<T>;
  /** Where the draft is kept (e.g. `news:new`, `news:<id>`); none when absent. */
  draftKey?: string;
}

export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  opts: ZodFormOptions<z.input<S> & FieldValues>,
): UseFormReturn<z.input<S> & FieldValues, unknown, z.output<S> & FieldValues> & {
  draftAt: string | null;
} {
  // Read once, when the form opens: the draft written while typing is not "brought back".
  const [draft] = useState(() => (opts.draftKey ? readDraft(opts.draftKey) : null));
  const form = useForm<z.input<S> & FieldValues, unknown, z.output<S> & FieldValues>({
    // The resolver's generics follow zod's input/output types of this schema.
    resolver: zodResolver(schema as never) as never,
    defaultValues: opts.defaultValues,
    ...(draft ? { values: draft.values as z.input<S> & FieldValues } : {}),
    resetOptions: { keepDefaultValues: true },
    mode: 'onTouched',
    // The error summary takes the focus at a submit with mistakes (GOV.UK's pattern): react-hook-
    // form's own focus on the first wrong field came after it and won.
    shouldFocusError: false,
  });
  const key = opts.draftKey;
  useEffect(() => {
    if (!key) return undefined;
    // Only what the user typed: a reset (after a save, or discarding) writes no draft.
    const sub = form.watch((values, { type }) => {
      if (type === 'change') writeDraft(key, values);
    });
    return () => sub.unsubscribe();
  }, [form, key]);
  useLeaveGuard(form.formState.isDirty);
  return Object.assign(form, { draftAt: draft?.at ?? null });
}

/** Every error of a form as [field path, message], in the fields' order. */
function flatten(errors: FieldErrors, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(errors)) {
    if (!v) continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof (v as { message?: unknown }).message === 'string')
      out.push([path, (v as { message: string }).message]);
    else if (typeof v === 'object') out.push(...flatten(v as FieldErrors, path));
  }
  return out;
}

/** Focuses a field by id: the element itself, or the first focusable inside (a date field). */
function focusField(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  const target = el.matches('input, textarea, button, select, [tabindex]')
    ? el
    : el.querySelector<HTMLElement>('input, textarea, button, select, [tabindex]');
  (target ?? el).focus();
}

/**
 * The summary takes the focus at each submit that found mistakes (`attempt`: the form's submit
 * count), not whenever the count of errors changes: a field checked as the user leaves it, or
 * put right, must not pull the focus away from the field they are typing in.
 */
export function ErrorSummary({ errors, attempt = 0 }: { errors: FieldErrors; attempt?: number }) {
  const { t } = useTranslation('staff');
  const ref = useRef<HTMLDivElement>(null);
  const list = flatten(errors);
  const count = list.length;
  const hasErrors = count > 0;
  useEffect(() => {
    if (hasErrors) ref.current?.focus();
    // Only a new attempt moves the focus (see above), so `hasErrors` is not a dependency.
  }, [attempt]);
  if (count === 0) return null;
  return (
    <div
      className="error-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title">{t('form.errorSummary')}</h2>
      <ul>
        {list.map(([path, message]) => (
          <li key={path}>
            <a
              href={`#${fieldId(path)}`}
              onClick={(e) => {
                e.preventDefault();
                focusField(fieldId(path));
              }}
            >
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FormProps<T extends FieldValues, O extends FieldValues> {
  form: UseFormReturn<T, unknown, O> & { draftAt?: string | null };
  onSubmit: (values: O) => void | Promise<void>;
  draftKey?: string;
  submitLabel?: string;
  /** Extra buttons beside Save (cancel, delete …). */
  actions?: ReactNode;
  children: ReactNode;
  label: string;
}

export function StaffForm<T extends FieldValues, O extends FieldValues>(props: FormProps<T, O>) {
  const { t } = useTranslation('staff');
  const { form } = props;
  const submit = form.handleSubmit(async (values) => {
    await props.onSubmit(values);
  });
  // After a save the form is clean (nothing to ask about when leaving) and its draft is gone.
  // React Hook Form wants the reset after the submit has settled, not inside the handler.
  const { isSubmitSuccessful, submitCount } = form.formState;
  const { draftKey } = props;
  useEffect(() => {
    if (!isSubmitSuccessful) return;
    // The saved values are the new baseline (the form's resetOptions keep the first defaults,
    // so a restored draft counts as unsaved; here they must not).
    form.reset(form.getValues(), { keepDefaultValues: false });
    if (draftKey) clearDraft(draftKey);
  }, [isSubmitSuccessful, submitCount, form, draftKey]);
  return (
    <form
      className="staff-form"
      aria-label={props.label}
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      {/* GOV.UK's pattern: the summary after a submit; before it, each field says its own. */}
      <ErrorSummary errors={submitCount > 0 ? form.formState.errors : {}} attempt={submitCount} />
      {form.draftAt && props.draftKey && (
        <p className="draft-note">
          {t('form.draftRestored', { when: new Date(form.draftAt).toLocaleString('da-DK') })}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              clearDraft(props.draftKey as string);
              form.reset();
            }}
          >
            {t('form.discardDraft')}
          </button>
        </p>
      )}
      {props.children}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={form.formState.isSubmitting}>
          {props.submitLabel ?? t('form.save')}
        </button>
        {props.actions}
      </div>
    </form>
  );
}
