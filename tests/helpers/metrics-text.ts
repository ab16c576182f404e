/**
 * /metrics text as a test about one server reads it: every series carries the `node` label
 * (metrics/node-id.ts, tested in ops-metrics-node.test.ts); the tests of what the numbers are
 * read the lines without it, e.g. `citizen_guide_speech_renders 1`.
 */
export function withoutNodeLabel(text: string): string {
  return text.replace(/\{node="[^"]*"\}/g, '').replace(/,node="[^"]*"\}/g, '}');
}
