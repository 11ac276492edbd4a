import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/support/postgres-schemas.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
