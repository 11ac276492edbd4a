import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/support/postgres-schemas.ts'],
    // Limits that catch a hang, not a slow machine: under a load of 15 on 2 cores (a CPU-heavy job
    // beside the suite), tests that spawn a process under tsx took up to 14 s alone and 35 s in pairs.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
