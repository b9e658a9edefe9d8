/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': '<rootDir>/scripts/jest-esbuild.cjs', '^.+\\.mjs$': '<rootDir>/scripts/jest-esbuild.cjs' },
  // unpdf's PDF.js build is ESM only (loaded with import() in Node): in Jest it is compiled to
  // CommonJS like our sources, and import() becomes require (scripts/jest-esbuild.cjs).
  moduleNameMapper: { '^unpdf/pdfjs$': '<rootDir>/node_modules/unpdf/dist/pdfjs.mjs' },
  transformIgnorePatterns: ['/node_modules/(?!unpdf/dist/pdfjs\\.mjs$)'],
  testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/server/**/*.test.ts'],
  testTimeout: 60000,
  // The local Neo4j for the Neo4j half of the API suite: started (if needed) and seeded once.
  globalSetup: '<rootDir>/tests/helpers/neo4j-global-setup.ts',
  globalTeardown: '<rootDir>/tests/helpers/neo4j-global-teardown.ts',
};
