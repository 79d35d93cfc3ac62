import { defineConfig } from 'vitest/config';

// CI sets STUDYQUIZ_TEST_REPORT to a path so .ci/run can print "N passed, N failed".
const jsonReport = process.env.STUDYQUIZ_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    ...(jsonReport ? { outputFile: { json: jsonReport } } : {}),
  },
});
