import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './tests/tools/slow-first-sequencer.js';

export default defineConfig({
  test: {
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
    // With TEST_DATABASE_URL (PostgreSQL): the template every test database is copied from.
    globalSetup: ['tests/helpers/pg-global-setup.ts'],
    // The slowest files first (a fresh clone has no timings for vitest to order by).
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          // The server, the domain, the sync engine and the shell's main process. Their files
          // share a worker's modules (no fresh import of the whole server per file: that was
          // about 1.1 s a file, half of the Node 24 pass's 203 s). They keep no state in
          // modules: every test starts its own server, data directory and clients.
          name: 'node',
          include: [
            'src/server/**/*.test.ts',
            'src/domain/**/*.test.ts',
            'src/protocol/**/*.test.ts',
            'src/client/**/*.test.ts',
            'electron/**/*.test.ts',
            'tests/unit/**/*.test.ts',
            'tests/integration/**/*.test.ts',
          ],
          isolate: false,
          setupFiles: ['tests/helpers/node-test-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The screens in jsdom: each file gets fresh modules (stores, i18n, the DOM), in a VM
          // context of a reused worker thread rather than a new process: a new process per file
          // spent 2.9 s importing and 1.1 s setting up jsdom (the staff pages' 25 files took
          // 128 s in forks, 75 s so; 110 s in threads).
          name: 'ui',
          pool: 'vmThreads',
          include: ['src/ui/**/*.test.ts', 'src/ui/**/*.test.tsx'],
          setupFiles: ['tests/helpers/ui-test-setup.ts'],
        },
      },
    ],
  },
});
