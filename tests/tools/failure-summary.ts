/**
 * A failure in a few words: the message's first line, what Playwright was waiting for (its call
 * log's "waiting for ..." line: which of a test's many waits timed out) and the test file's line
 * the failure came from. CI shows only the tail of the output, so this line must say where.
 */
export function summary(message = ''): string {
  const lines = message.split('\n').map((l) => l.trim());
  const parts = [lines[0]?.slice(0, 200) ?? ''];
  const waiting = lines.find((l) => /^-?\s*waiting for /.test(l));
  if (waiting) parts.push(waiting.replace(/^-\s*/, '').slice(0, 200));
  const at = lines.find((l) => /^at .*\btests\/.*:\d+:\d+\)?$/.test(l));
  const place = at?.match(/(tests\/[^\s:()]+:\d+)/)?.[1];
  if (place) parts.push(`at ${place}`);
  return parts.join(' | ');
}
