import { describe, expect, it } from 'vitest';
import { isViolation, violation } from './violation.js';

describe('violation', () => {
  it('carries the code, the reason and a message for the log', () => {
    expect(violation('closed', 'Sign-up closed', 'deadline_passed')).toEqual({
      ok: false,
      code: 'closed',
      reason: 'deadline_passed',
      message: 'Sign-up closed',
    });
  });

  it('leaves the reason out when there is none', () => {
    const v = violation('full', 'The activity is full');
    expect(v).toEqual({ ok: false, code: 'full', message: 'The activity is full' });
    expect('reason' in v).toBe(false);
  });

  it('tells a refusal from a success', () => {
    expect(isViolation(violation('not_found', 'No such thing'))).toBe(true);
    expect(isViolation({ ok: true })).toBe(false);
  });
});
