/**
 * The one line CI shows for a failed test must say which wait timed out and where: a Playwright
 * timeout's first line alone ("locator.waitFor: Timeout 15000ms exceeded.") names neither.
 */
import { describe, expect, it } from 'vitest';
import { summary } from '../tools/failure-summary.js';

const playwrightTimeout = [
  'TimeoutError: locator.waitFor: Timeout 15000ms exceeded.',
  'Call log:',
  "  - waiting for getByRole('listitem').filter({ hasText: 'Gangen' }).getByText('Tændt') to be visible",
  '',
  '    at /check/work/main/tests/e2e/staff-operations.test.ts:110:37',
  '    at processTicksAndRejections (node:internal/process/task_queues:105:5)',
].join('\n');

describe('a failed test in one line', () => {
  it("names what Playwright was waiting for and the test file's line", () => {
    expect(summary(playwrightTimeout)).toBe(
      "TimeoutError: locator.waitFor: Timeout 15000ms exceeded. | waiting for getByRole('listitem')" +
        ".filter({ hasText: 'Gangen' }).getByText('Tændt') to be visible | at tests/e2e/staff-operations.test.ts:110",
    );
  });

  it('keeps a plain assertion to its first line and its place', () => {
    const message = [
      'AssertionError: expected 2 to be 3',
      '    at Object.<anonymous> (/x/tests/integration/feed.test.ts:41:7)',
    ].join('\n');
    expect(summary(message)).toBe(
      'AssertionError: expected 2 to be 3 | at tests/integration/feed.test.ts:41',
    );
  });

  it('says nothing more than the message when there is no stack', () => {
    expect(summary('Error: boom')).toBe('Error: boom');
    expect(summary(undefined)).toBe('');
  });
});
