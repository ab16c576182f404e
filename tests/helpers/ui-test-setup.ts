/**
 * Runs before every test file of the `ui` project (vitest.config.ts). Testing Library's `findBy…`
 * and `waitFor` wait for a condition; their default of 1 s failed a staff page's first look in a
 * CI run with both cores busy (the table was drawn soon after). They return as soon as the
 * condition holds, so a longer bound costs a passing test nothing.
 */
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5000 });
