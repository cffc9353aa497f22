import { defineConfig } from 'vitest/config';

/**
 * The test tiers (README "Tests"), each runnable alone — `npm run test:unit`, `test:medium`, `test:api`; `npm test`
 * runs them all and then the browser tier (vitest.e2e.config.ts):
 * - unit: pure logic, no database — `src/**\/*.test.ts` and `test/tooling/`; a unit test that opens a database fails
 *   (test/databases.ts refuses in this tier);
 * - medium: services and repositories on SQLite and PostgreSQL — `*.medium.test.ts` anywhere;
 * - api: the app in-process over HTTP (`app.inject`) — `test/api/`, `test/security/`.
 */
const MEDIUM = '**/*.medium.test.ts';
const DATABASES = ['test/global-setup.ts'];

export default defineConfig({
  test: {
    exclude: ['e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/tooling/**/*.test.ts'],
          exclude: [MEDIUM, 'e2e/**', 'node_modules/**'],
          env: { TZ: 'Asia/Shanghai', GONGFU_TEST_TIER: 'unit' },
        },
      },
      {
        test: {
          name: 'medium',
          include: [`src/${MEDIUM}`, `test/${MEDIUM}`],
          globalSetup: DATABASES,
          env: { TZ: 'Asia/Shanghai', GONGFU_TEST_TIER: 'medium' },
        },
      },
      {
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts', 'test/security/**/*.test.ts'],
          exclude: [MEDIUM, 'e2e/**', 'node_modules/**'],
          globalSetup: DATABASES,
          env: { TZ: 'Asia/Shanghai', GONGFU_TEST_TIER: 'api' },
        },
      },
    ],
  },
});
