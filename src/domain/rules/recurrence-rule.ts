/**
 * The recurrence rules Citizen Guide accepts: a strict, readable subset of RFC 5545's RRULE.
 *
 * A centre needs "every Tuesday", "every other Tuesday", "Monday and Wednesday", "every weekday",
 * "the first Monday of the month", "the 15th of every month", bounded by a last day or a number
 * of times. Anything beyond that (hourly rules, BYSETPOS, BYWEEKNO…) is refused here, so every
 * rule the server stores can also be said in words (recurrence-words.ts) and drawn in the form.
 *
 * The rule carries no DTSTART: it is the activity's own start, read as FLOATING local time in the
 * centre's zone (RFC 5545 section 3.3.5, form #1). That is why UNTIL is a floating local
 * date-time (`UNTIL=20261231T235959`, the end of the last day), the form RFC 5545 requires beside
 * a floating DTSTART; a plain date (`UNTIL=20261231`) is read the same way.
 *
 * This file has no dependency (the staff form's zod schema runs it in the browser); expansion
 * with the `rrule` package lives in recurrence.ts.
 */
import type { Recurrence } from '../model.js';

/** RFC 5545 weekday codes, indexed like `weekdayOf` in days.ts: 0 = Sunday … 6 = Saturday. */
export const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];

export type Freq = 'DAILY' | 'WEEKLY' | 'MONTHLY';

export interface ByDay {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** MONTHLY only: 1–5 = the first…fifth of the month, -1 = the last, -2 = the second to last. */
  nth: number | null;
}

export interface RuleParts {
  freq: Freq;
  /** 1 = every, 2 = every other, … */
  interval: number;
  /** Empty: the start's own weekday (WEEKLY) or day of month (MONTHLY). */
  byDay: ByDay[];
  /** MONTHLY only: days of the month, 1–31 or -1 (the last day). */
  byMonthDay: number[];
  /** The last local day (inclusive) an occurrence may start on. */
  until: string | null;
  /** How many occurrences in all, the first (the activity itself) included. */
  count: number | null;
}

export const MAX_INTERVAL = 52;
export const MAX_COUNT = 260;
const MAX_LENGTH = 200;

export type ParseResult = { ok: true; parts: RuleParts } | { ok: false; message: string };

const fail = (message: string): ParseResult => ({ ok: false, message });

function parseInteger(value: string, min: number, max: number): number | null {
  if (!/^[+-]?\d{1,3}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

function parseUntil(value: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
    return null;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59))
    return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Parse an RRULE value ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270301T235959"). */
export function parseRRule(rule: string): ParseResult {
  if (rule.length > MAX_LENGTH) return fail(`A rule is at most ${MAX_LENGTH} characters.`);
  const text = rule.startsWith('RRULE:') ? rule.slice(6) : rule;
  const seen = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) return fail(`Not a rule part: ${JSON.stringify(part)}`);
    const key = part.slice(0, eq).toUpperCase();
    if (seen.has(key)) return fail(`${key} is given twice.`);
    seen.set(key, part.slice(eq + 1).toUpperCase());
  }
  for (const key of seen.keys()) {
    if (!['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'UNTIL', 'COUNT', 'WKST'].includes(key))
      return fail(`${key} is not supported.`);
  }
  const freq = seen.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY')
    return fail('FREQ must be DAILY, WEEKLY or MONTHLY.');
  if (seen.has('WKST') && seen.get('WKST') !== 'MO') return fail('WKST must be MO.');

  const intervalText = seen.get('INTERVAL');
  const interval = intervalText === undefined ? 1 : parseInteger(intervalText, 1, MAX_INTERVAL);
  if (interval === null) return fail(`INTERVAL must be 1 to ${MAX_INTERVAL}.`);

  const byDay: ByDay[] = [];
  const byDayText = seen.get('BYDAY');
  if (byDayText !== undefined) {
    for (const item of byDayText.split(',')) {
      const m = /^([+-]?\d)?(SU|MO|TU|WE|TH|FR|SA)$/.exec(item);
      if (!m) return fail(`Not a weekday: ${JSON.stringify(item)}`);
      const nth = m[1] === undefined ? null : Number(m[1]);
      if (nth !== null) {
        if (freq !== 'MONTHLY') return fail('A numbered weekday (1MO) needs FREQ=MONTHLY.');
        if (!(nth >= 1 && nth <= 5) && nth !== -1 && nth !== -2)
          return fail('A numbered weekday is 1 to 5, -1 or -2.');
      }
      const weekday = WEEKDAY_CODES.indexOf(m[2] as WeekdayCode);
      if (byDay.some((d) => d.weekday === weekday && d.nth === nth))
        return fail(`${item} is given twice.`);
      byDay.push({ weekday, nth });
    }
  }
  if (freq === 'DAILY' && byDay.length > 0) return fail('BYDAY needs FREQ=WEEKLY or MONTHLY.');
  // rrule 2.8 drops the plain weekdays of a mixed list (found by the property test), and no
  // centre needs "every Sunday and the first Sunday" anyway.
  if (byDay.some((d) => d.nth === null) && byDay.some((d) => d.nth !== null))
    return fail('Give numbered weekdays (1MO) or plain ones (MO), not both.');

  const byMonthDay: number[] = [];
  const byMonthDayText = seen.get('BYMONTHDAY');
  if (byMonthDayText !== undefined) {
    if (freq !== 'MONTHLY') return fail('BYMONTHDAY needs FREQ=MONTHLY.');
    if (byDay.length > 0) return fail('Give BYDAY or BYMONTHDAY, not both.');
    for (const item of byMonthDayText.split(',')) {
      const n = parseInteger(item, -1, 31);
      if (n === null || n === 0) return fail(`Not a day of the month: ${JSON.stringify(item)}`);
      if (byMonthDay.includes(n)) return fail(`${item} is given twice.`);
      byMonthDay.push(n);
    }
  }

  const untilText = seen.get('UNTIL');
  const countText = seen.get('COUNT');
  if ((untilText === undefined) === (countText === undefined))
    return fail('Give exactly one of UNTIL (the last day) and COUNT (how many times).');
  let until: string | null = null;
  let count: number | null = null;
  if (untilText !== undefined) {
    until = parseUntil(untilText);
    if (until === null) return fail('UNTIL must be a local date (20261231 or 20261231T235959).');
  } else {
    count = parseInteger(countText ?? '', 1, MAX_COUNT);
    if (count === null) return fail(`COUNT must be 1 to ${MAX_COUNT}.`);
  }
  return { ok: true, parts: { freq, interval, byDay, byMonthDay, until, count } };
}

/** The RRULE value of `parts`, in a fixed order (so equal rules give equal strings). */
export function formatRRule(parts: RuleParts): string {
  const out = [`FREQ=${parts.freq}`];
  if (parts.interval !== 1) out.push(`INTERVAL=${parts.interval}`);
  if (parts.byDay.length > 0) {
    const days = [...parts.byDay].sort(
      (a, b) => (a.nth ?? 0) - (b.nth ?? 0) || ((a.weekday + 6) % 7) - ((b.weekday + 6) % 7),
    );
    out.push(`BYDAY=${days.map((d) => `${d.nth ?? ''}${WEEKDAY_CODES[d.weekday]}`).join(',')}`);
  }
  if (parts.byMonthDay.length > 0) out.push(`BYMONTHDAY=${parts.byMonthDay.join(',')}`);
  if (parts.until !== null) out.push(`UNTIL=${parts.until.replaceAll('-', '')}T235959`);
  if (parts.count !== null) out.push(`COUNT=${parts.count}`);
  return out.join(';');
}

/**
 * The parts of a stored recurrence. Rows written before RRULE (`{ freq: 'weekly', interval,
 * until }`) stay readable: they mean FREQ=WEEKLY;INTERVAL=n;UNTIL=until on the start's weekday.
 * Throws on a rule the schema would refuse (the schema checks it first).
 */
export function ruleParts(recurrence: Recurrence): RuleParts {
  if ('freq' in recurrence) {
    return {
      freq: 'WEEKLY',
      interval: recurrence.interval,
      byDay: [],
      byMonthDay: [],
      until: recurrence.until,
      count: null,
    };
  }
  const parsed = parseRRule(recurrence.rrule);
  if (!parsed.ok) throw new RangeError(parsed.message);
  return parsed.parts;
}
