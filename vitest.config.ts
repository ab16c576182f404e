import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'electron/**/*.test.ts',
      'tests/unit/**/*.test.ts',
      'tests/integration/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Most tests wait on servers, sockets and child processes rather than compute, so two files
    // at once on a 2-core machine (vitest's default there is one) cut the run from ~310 s to
    // ~215 s, all passing.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The suite makes hundreds of users; scrypt at the real N=2^17 costs ~0.3 s each. Only test
    // runs may lower it (src/server/auth/tokens.ts); tests/integration/login-flood.test.ts runs a
    // server at the real cost.
    env: { CITIZEN_GUIDE_TEST_SCRYPT_N: '1024' },
  },
});
