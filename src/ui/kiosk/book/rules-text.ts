/**
 * A resource's booking rules in plain words, shown under the grid before anyone books and again
 * when a booking is refused: "Du kan booke 2 gange ad gangen. En tid er 2 timer. Der er åbent
 * kl. 08.00 til 20.00."
 */
import type { TFunction } from 'i18next';
import type { Resource } from '../../../domain/model.js';
import type { Lang } from '../settings.js';
import { clockOf } from '../time/format.js';
import { openingOf } from './slots.js';

type T = TFunction<'book'>;

export function maxRule(resource: Resource, t: T): string {
  return t('rules.max', { count: resource.maxActivePerResident });
}

/** "Tiden gives fri, hvis den ikke er taget i brug 15 minutter efter start.", or nothing. */
export function releaseRule(resource: Resource, t: T): string | null {
  const m = resource.releaseAfterMinutes ?? null;
  return m === null ? null : t('rules_release', { count: m });
}

/** "En tid er 2 timer." / "En tid er 1 time og 30 minutter." / "En tid er en hel dag." */
export function lengthRule(resource: Resource, t: T): string {
  const m = resource.slotMinutes;
  if (m % (24 * 60) === 0) return t('rules.lengthDay');
  const hours = Math.floor(m / 60);
  const minutes = m % 60;
  const h = t('rules.hours', { count: hours });
  const mm = t('rules.minutes', { count: minutes });
  const length = hours === 0 ? mm : minutes === 0 ? h : t('rules.and', { a: h, b: mm });
  return t('rules.length', { length });
}

/** "Der er åbent kl. 08.00 til 20.00.", "Der er åbent hele dagen.", "Der er lukket denne dag." */
export function openingRule(
  resource: Resource,
  date: string,
  timeZone: string,
  lang: Lang,
  t: T,
  c: TFunction,
): string {
  const { allDay, spans } = openingOf(resource, date, timeZone);
  if (spans.length === 0) return t('closedDay');
  if (allDay) return t('rules.openAllDay');
  const times = spans
    .map((s) =>
      c('fromTo', { from: clockOf(s.start, timeZone, lang), to: clockOf(s.end, timeZone, lang) }),
    )
    .join(', ');
  return t('rules.open', { times });
}
