import { defineConfig } from 'vitest/config';

// Journeys drive a real server and a real browser: long timeouts, one file at a time
// (each file starts its own server, from a copy of the demo city seeded once in global-setup.ts;
// two Chromiums on a 2-core machine only slow each other down).
export default defineConfig({
  test: {
    include: ['**/*.e2e.ts'],
    globalSetup: ['support/global-setup.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
