/**
 * Vitest's file order, with the files known to take longest first within their project. Vitest
 * orders by the last run's durations, which a fresh clone (CI) does not have; it then runs the
 * larger files first, and the slowest files here are small ones that mostly wait (the chaos run
 * paces its operations). Started late, such a file ran alone at the end while the other worker
 * had nothing left: about 20 s of the PostgreSQL pass. Started first, it overlaps the rest.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Slowest first, as measured in CI (test-output/vitest-*.json); the rest keep vitest's order. */
const SLOW_FIRST = [
  'tests/integration/chaos.test.ts',
  'tests/integration/account-cli.test.ts',
  'tests/integration/flood-fairness.test.ts',
  'tests/integration/cli.test.ts',
  'tests/integration/pg-municipal.test.ts',
  'tests/integration/pg-store.test.ts',
  'tests/integration/metrics.test.ts',
  'tests/integration/centre-transfer.test.ts',
  'tests/integration/first-minutes.test.ts',
  'tests/integration/no-lost-signup.test.ts',
];

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const projects = [...new Set(base.map((f) => f.project.name))];
    const rank = (f: TestSpecification): number => {
      const i = SLOW_FIRST.indexOf(relative(this.ctx.config.root, f.moduleId));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    const at = new Map(base.map((f, i) => [f, i]));
    return [...base].sort(
      (a, b) =>
        projects.indexOf(a.project.name) - projects.indexOf(b.project.name) ||
        rank(a) - rank(b) ||
        at.get(a)! - at.get(b)!,
    );
  }
}
