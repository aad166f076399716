/** Three projects: unit (pure logic, *.spec.ts), int (one service against the real broker and
 * database, *.int-spec.ts) and e2e (journeys through the gateway, test/e2e). `npm test`
 * (scripts/test.mjs) starts the test-profile infrastructure and runs them in that order. */
const fs = require('fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const base = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@app/access$': '<rootDir>/libs/access/src',
    '^@app/common$': '<rootDir>/libs/common/src',
    '^@app/contracts$': '<rootDir>/libs/contracts/src',
    '^@app/testing$': '<rootDir>/libs/testing/src',
    '^@app/testing/(.*)$': '<rootDir>/libs/testing/src/$1',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.local/'],
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/libs/testing/src/jest-setup.ts'],
};
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/deploy/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest-setup-integration.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/jest-setup-integration.ts'],
    },
  ],
};
