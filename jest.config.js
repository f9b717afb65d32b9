/** Tests run the TypeScript sources through ts-jest; every file gets its own in-memory companies. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: false }] },
  setupFiles: ['reflect-metadata'],
  // PostgreSQL tests skip with one line when no server runs (never in CI): test/globalSetup.js.
  globalSetup: '<rootDir>/test/globalSetup.js',
  testTimeout: 30000,
};
