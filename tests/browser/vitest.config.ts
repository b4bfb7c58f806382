import { defineConfig } from 'vitest/config';

// Browser and accessibility tests against the built default knowledge base:
// `npx vitest run --config tests/browser/vitest.config.ts`. The global setup builds the site once
// and serves it; test files run one after another, each sharing one Chromium.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/browser/**/*.test.ts'],
    globalSetup: ['tests/browser/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    teardownTimeout: 60_000,
    fileParallelism: false,
    maxWorkers: 1,
    pool: 'forks',
  },
});
