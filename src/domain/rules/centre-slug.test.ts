import { describe, expect, it } from 'vitest';
import { CentreSlug, SLUG_MESSAGES, slugFromName } from './centre-slug.js';

describe('a centre slug suggested from its name', () => {
  it.each([
    ['Ærtebjerg Bo', 'aertebjerg-bo'],
    ['Bofællesskabet Åbrinken', 'bofaellesskabet-aabrinken'],
    ['Søndervang', 'soendervang'],
    ['Café Élan', 'cafe-elan'],
    ['  Solsikken  ', 'solsikken'],
    ['Hus 3 - Birken', 'hus-3-birken'],
    ['Straße der Müller', 'strasse-der-mueller'],
    ['3. sal, Eg', 'sal-eg'],
    ['Det meget lange navn på et bosted i kommunen', 'det-meget-lange-navn-paa-et-bo'],
  ])('%s → %s, which the rule accepts', (name, slug) => {
    expect(slugFromName(name)).toBe(slug);
    expect(CentreSlug.safeParse(slug).success).toBe(true);
  });

  it('never ends on a hyphen when cut at 30', () => {
    const slug = slugFromName('abcdefghij abcdefghij abcdefgh ijk');
    expect(slug.length).toBeLessThanOrEqual(30);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('suggests what it can from a name with too little in it (the rule then says why)', () => {
    expect(slugFromName('123')).toBe('');
    expect(slugFromName('Ø')).toBe('oe');
    expect(slugFromName('!!!')).toBe('');
  });
});

describe('the slug rule', () => {
  it.each([
    ['a', SLUG_MESSAGES.format],
    ['Eg', SLUG_MESSAGES.format],
    ['-eg', SLUG_MESSAGES.format],
    ['eg-', SLUG_MESSAGES.format],
    ['1eg', SLUG_MESSAGES.format],
    ['æble', SLUG_MESSAGES.format],
    ['e g', SLUG_MESSAGES.format],
    ['a'.repeat(31), SLUG_MESSAGES.format],
    ['eg--birk', SLUG_MESSAGES.doubleHyphen],
    ['www', SLUG_MESSAGES.reserved],
    ['kommune', SLUG_MESSAGES.reserved],
  ])('refuses %s', (slug, message) => {
    const r = CentreSlug.safeParse(slug);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain(message);
  });
});
