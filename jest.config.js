/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': '<rootDir>/scripts/jest-esbuild.cjs' },
  testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/server/**/*.test.ts'],
  testTimeout: 60000,
  // The local Neo4j for the Neo4j half of the API suite: started (if needed) and seeded once.
  globalSetup: '<rootDir>/tests/helpers/neo4j-global-setup.ts',
  globalTeardown: '<rootDir>/tests/helpers/neo4j-global-teardown.ts',
};
