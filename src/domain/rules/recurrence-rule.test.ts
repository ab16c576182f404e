import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Recurrence } from '../model.js';
import { formatRRule, parseRRule, ruleParts } from './recurrence-rule.js';

describe('parseRRule', () => {
  it('reads every other Tuesday until a day', () => {
    expect(parseRRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270301T235959')).toEqual({
      ok: true,
      parts: {
        freq: 'WEEKLY',
        interval: 2,
        byDay: [{ weekday: 2, nth: null }],
        byMonthDay: [],
        until: '2027-03-01',
        count: null,
      },
    });
  });

  it('reads the first Monday of the month, a plain UNTIL date and the RRULE: prefix', () => {
    const r = parseRRule('RRULE:FREQ=MONTHLY;BYDAY=1MO;UNTIL=20270301');
    expect(r.ok && r.parts.byDay).toEqual([{ weekday: 1, nth: 1 }]);
    expect(r.ok && r.parts.until).toBe('2027-03-01');
  });

  it.each([
    ['', 'Not a rule part'],
    ['FREQ=HOURLY;COUNT=3', 'FREQ must be'],
    ['FREQ=WEEKLY', 'exactly one of UNTIL'],
    ['FREQ=WEEKLY;COUNT=3;UNTIL=20270101', 'exactly one of UNTIL'],
    ['FREQ=WEEKLY;COUNT=0', 'COUNT must be'],
    ['FREQ=WEEKLY;COUNT=261', 'COUNT must be'],
    ['FREQ=WEEKLY;INTERVAL=0;COUNT=3', 'INTERVAL must be'],
    ['FREQ=WEEKLY;INTERVAL=53;COUNT=3', 'INTERVAL must be'],
    ['FREQ=WEEKLY;INTERVAL=1.5;COUNT=3', 'INTERVAL must be'],
    ['FREQ=WEEKLY;BYDAY=XX;COUNT=3', 'Not a weekday'],
    ['FREQ=WEEKLY;BYDAY=1MO;COUNT=3', 'needs FREQ=MONTHLY'],
    ['FREQ=MONTHLY;BYDAY=6MO;COUNT=3', 'numbered weekday is'],
    ['FREQ=MONTHLY;BYDAY=MO,1MO;COUNT=3', 'not both'],
    ['FREQ=MONTHLY;BYDAY=MO;BYMONTHDAY=1;COUNT=3', 'not both'],
    ['FREQ=WEEKLY;BYMONTHDAY=1;COUNT=3', 'needs FREQ=MONTHLY'],
    ['FREQ=MONTHLY;BYMONTHDAY=0;COUNT=3', 'Not a day of the month'],
    ['FREQ=MONTHLY;BYMONTHDAY=32;COUNT=3', 'Not a day of the month'],
    ['FREQ=DAILY;BYDAY=MO;COUNT=3', 'needs FREQ=WEEKLY'],
    ['FREQ=WEEKLY;UNTIL=20270230', 'UNTIL must be'],
    ['FREQ=WEEKLY;UNTIL=2027-01-01', 'UNTIL must be'],
    ['FREQ=WEEKLY;BYHOUR=9;COUNT=3', 'not supported'],
    ['FREQ=WEEKLY;DTSTART=20270101;COUNT=3', 'not supported'],
    ['FREQ=WEEKLY;FREQ=DAILY;COUNT=3', 'given twice'],
    ['FREQ=WEEKLY;WKST=SU;COUNT=3', 'WKST must be MO'],
    [`FREQ=WEEKLY;COUNT=3;${'X'.repeat(200)}`, 'at most 200'],
  ])('refuses %j', (rule, message) => {
    const r = parseRRule(rule);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(message);
  });

  it('formatRRule and parseRRule agree on every rule they accept', () => {
    const rule = fc.record({
      freq: fc.constantFrom('DAILY' as const, 'WEEKLY' as const),
      interval: fc.integer({ min: 1, max: 52 }),
      count: fc.integer({ min: 1, max: 260 }),
    });
    fc.assert(
      fc.property(rule, ({ freq, interval, count }) => {
        const parts = { freq, interval, byDay: [], byMonthDay: [], until: null, count };
        expect(parseRRule(formatRRule(parts))).toEqual({ ok: true, parts });
      }),
    );
  });
});

describe('Recurrence schema', () => {
  it('accepts an RRULE and the legacy weekly form, which stored rows still hold', () => {
    expect(Recurrence.safeParse({ rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4' }).success).toBe(true);
    const legacy = { freq: 'weekly', interval: 2, until: '2027-01-01' };
    expect(Recurrence.parse(legacy)).toEqual(legacy);
    expect(ruleParts(Recurrence.parse(legacy))).toMatchObject({
      freq: 'WEEKLY',
      interval: 2,
      until: '2027-01-01',
    });
  });

  it("refuses a bad rule with the parser's message, and extra fields", () => {
    const r = Recurrence.safeParse({ rrule: 'FREQ=HOURLY;COUNT=3' });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('FREQ must be');
    expect(Recurrence.safeParse({ rrule: 'FREQ=WEEKLY;COUNT=3', x: 1 }).success).toBe(false);
    expect(Recurrence.safeParse({ rrule: 42 }).success).toBe(false);
  });
});
