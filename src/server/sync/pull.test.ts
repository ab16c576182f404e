/**
 * A pull page's size cap (MAX_PAGE_BYTES) is judged by each change's size as sent. The size is
 * taken from the stored text where the projection passed the stored data on unchanged: it must be
 * the exact size of what is sent for JSON.stringify's text (SQLite), and never less for text with
 * spaces (PostgreSQL's jsonb), or a page could pass the cap.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../protocol/index.js';
import type { LoggedChange } from '../store/writer.js';
import { sizeOf } from './pull.js';

const bytes = (x: unknown): number => Buffer.byteLength(JSON.stringify(x), 'utf8');

/** A stored put as rowToChange reads it, and its change as the projection passes it on. */
const stored = fc
  .record({
    seq: fc.integer({ min: 1, max: 2 ** 40 }),
    id: fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }),
    data: fc.dictionary(
      fc.string({ maxLength: 12, unit: 'grapheme' }),
      fc.oneof(
        fc.string({ maxLength: 60, unit: 'grapheme' }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 }),
      ),
    ),
  })
  .map(({ seq, id, data }): LoggedChange => ({
    seq,
    type: 'news',
    id,
    op: 'put',
    residentId: null,
    data,
  }));

const passedOn = (c: LoggedChange): Change => ({
  seq: c.seq,
  type: c.type,
  id: c.id,
  op: c.op,
  ...(c.data ? { data: c.data } : {}),
});

describe('the size of a change in a pull page', () => {
  it('is exactly its JSON bytes when taken from the stored text (Danish letters and emoji too)', () => {
    fc.assert(
      fc.property(stored, (c) => {
        const visible = passedOn(c);
        expect(sizeOf(visible, c, JSON.stringify(c.data))).toBe(bytes(visible));
      }),
    );
    const c: LoggedChange = {
      seq: 7,
      type: 'news',
      id: 'n1',
      op: 'put',
      residentId: null,
      data: { title: 'Æblekage på søndag 🍎' },
    };
    expect(sizeOf(passedOn(c), c, JSON.stringify(c.data))).toBe(bytes(passedOn(c)));
  });

  it('is never less than its JSON bytes when the stored text has spaces (jsonb)', () => {
    fc.assert(
      fc.property(stored, (c) => {
        const visible = passedOn(c);
        expect(sizeOf(visible, c, JSON.stringify(c.data, null, 1))).toBeGreaterThanOrEqual(
          bytes(visible),
        );
      }),
    );
  });

  it('is the JSON bytes of what is sent when the projection changed the data or took it away', () => {
    const c: LoggedChange = {
      seq: 3,
      type: 'booking',
      id: 'b1',
      op: 'put',
      residentId: 'r1',
      data: { residentId: 'r1', note: 'x'.repeat(500) },
    };
    const hidden: Change = { ...passedOn(c), data: { ...c.data, residentId: null } };
    expect(sizeOf(hidden, c, JSON.stringify(c.data))).toBe(bytes(hidden));
    const del: Change = { seq: 3, type: 'booking', id: 'b1', op: 'del' };
    expect(sizeOf(del, c, JSON.stringify(c.data))).toBe(bytes(del));
  });
});
