import { defineConfig } from 'vitest/config';

const integration = {
  include: ['tests/integration/**/*.test.ts'],
  pool: 'forks',
  fileParallelism: false,
  testTimeout: 30_000,
  hookTimeout: 30_000,
} as const;

// Three suites with different costs: unit tests run in parallel; integration tests start real
// servers and mediasoup workers; end-to-end tests drive real Chromium, one call at a time. When a
// PostgreSQL server is given (the test command starts one), the integration suite runs a second
// time with every server's records in PostgreSQL.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{shared,server,kiosk-client,staff-console}/src/**/*.test.{ts,tsx}'],
        },
      },
      { test: { name: 'integration', ...integration } },
      ...(process.env.TEST_POSTGRES_URL
        ? [{ test: { name: 'integration-postgres', ...integration, env: { TEST_DATABASE: 'postgres' } } }]
        : []),
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
