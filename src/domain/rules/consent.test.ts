import { describe, expect, it } from 'vitest';
import { legacyConsent, noConsent, recordConsent } from './consent.js';

const AT = '2026-12-01T10:00:00.000Z';
const LATER = '2026-12-02T10:00:00.000Z';

describe('recordConsent', () => {
  it('records the answered channels with who and when, and keeps the others', () => {
    const { consent, changes } = recordConsent(
      noConsent(),
      { wall: { given: true, by: 'guardian' } },
      'staff-1',
      AT,
    );
    expect(consent.wall).toEqual({ given: true, by: 'guardian', recordedBy: 'staff-1', at: AT });
    expect(consent.relatives).toEqual(noConsent().relatives);
    expect(changes.map((c) => c.channel)).toEqual(['wall']);
  });

  it('an answer equal to what is recorded changes nothing, not even when', () => {
    const first = recordConsent(
      noConsent(),
      { calendar: { given: true, by: 'resident' } },
      's1',
      AT,
    );
    const again = recordConsent(
      first.consent,
      { calendar: { given: true, by: 'resident' } },
      's2',
      LATER,
    );
    expect(again.changes).toEqual([]);
    expect(again.consent.calendar.at).toBe(AT);
    // Who gave it counts: the same "yes" now from a guardian is a new record.
    const guardian = recordConsent(
      first.consent,
      { calendar: { given: true, by: 'guardian' } },
      's2',
      LATER,
    );
    expect(guardian.consent.calendar).toMatchObject({
      by: 'guardian',
      recordedBy: 's2',
      at: LATER,
    });
  });

  it('a legacy wall flag confirmed by an answer gets its who and when', () => {
    const { consent, changes } = recordConsent(
      legacyConsent(true),
      { wall: { given: true, by: null } },
      's1',
      AT,
    );
    expect(changes).toHaveLength(1);
    expect(consent.wall).toEqual({ given: true, by: null, recordedBy: 's1', at: AT });
  });
});
