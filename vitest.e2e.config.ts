import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at once: a file spends about half its time waiting (on the server, the socket, a
    // page settling), so one at a time left a core idle. Measured on 2 cores: 459 s one at a
    // time (52% of one core busy in vitest's processes), 266 s two at a time (90% of both),
    // all passing. Every file starts its own servers, browsers, ports and data directories.
    fileParallelism: true,
    maxWorkers: 2,
    // Each worker keeps its modules from file to file: each file imported the server, the seeds
    // and Playwright afresh before (about 160 s of the run's import time on a loaded machine).
    isolate: false,
  },
});
