import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    // One file after another in one process that keeps its modules: each file imported the
    // server, the seeds and Playwright afresh before (about 160 s of the run's import time on a
    // loaded machine). Every file starts its own servers, browsers and data directories.
    isolate: false,
  },
});
