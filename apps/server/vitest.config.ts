import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // One migrated embedded database, copied into each test file's (see src/test/global-setup.ts).
    globalSetup: ['src/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file starts its own embedded database (~2 s of CPU); two workers suit a 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
  },
});
