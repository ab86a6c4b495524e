import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local (in memory) for the whole run; each test file creates its own table.
    globalSetup: ['test/helpers/global-setup.ts'],
    // Sets the handlers' environment (that DynamoDB Local, a table per file) before any test import.
    setupFiles: ['test/helpers/setup-env.ts'],
    testTimeout: 30_000,
    // expect.poll waits up to 1 s by default: too short for a write and a re-read through a browser
    // on a loaded 2-core machine. A poll that passes returns as soon as it does.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on HTTP and DynamoDB Local rather than compute, so more files than cores run
    // at once (vitest's default is cores − 1: one worker on a 2-core CI machine). Measured on 2
    // cores: test/integration 112 s → 72 s with 3 workers. VITEST_MAX_WORKERS overrides.
    maxWorkers: 3,
  },
});
