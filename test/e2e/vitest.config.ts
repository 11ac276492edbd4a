import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files in name order: crm.test.ts makes the owner account and imports the demo data that the
 * follow-up and prediction flows then use (one server for the whole run).
 */
class ByName extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return Promise.resolve([...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId)));
  }
}

/** The browser suite: one real server for the whole run, files one after another (they share its data). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/support/global-setup.ts'],
    fileParallelism: false,
    sequence: { sequencer: ByName },
    // A page walk with an axe sweep took over 60 s under a load of 25 on 2 cores; a hang is still caught.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
