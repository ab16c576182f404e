/**
 * Runs before every test file of the `ui` project (vitest.config.ts).
 *
 * - Testing Library's `findBy…` and `waitFor` wait for a condition; their default of 1 s failed a
 *   staff page's first look in a CI run with both cores busy (the table was drawn soon after).
 *   They return as soon as the condition holds, so a longer bound costs a passing test nothing.
 * - The project runs in VM contexts (`vmThreads`), where jsdom's `performance` has no User Timing
 *   (`mark`, `getEntriesByName`). Chromium has it, and the kiosk's Home marks its first painted
 *   frame with it (home-screen.tsx): the context gets Node's.
 */
import { performance as nodePerformance } from 'node:perf_hooks';
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5000 });

if (typeof performance.getEntriesByName !== 'function') {
  performance.mark = nodePerformance.mark.bind(nodePerformance);
  performance.getEntriesByName = nodePerformance.getEntriesByName.bind(nodePerformance);
}
