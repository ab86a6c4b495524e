import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local (in memory) for the whole run; each test file creates its own table.
    globalSetup: ['test/helpers/global-setup.ts'],
    // Sets the handlers' environment (that DynamoDB Local, a table per file) before any test import.
    setupFiles: ['test/helpers/setup-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
