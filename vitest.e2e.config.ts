import { defineConfig } from 'vitest/config';

/** End-to-end tests: a real server in-process (fixed clock) and headless Chromium. Run after `npm run build:web`. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    env: { TZ: 'Asia/Shanghai' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
