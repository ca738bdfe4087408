/**
 * Jest projects:
 *   unit         fast tests (in-process emulator, real HTTPS and store file)      npm run test:fast
 *   e2e          slow end-to-end runs: child processes, terraform, cdktf          *.e2e.test.ts
 *   reliability  crash, concurrency, fuzzing and leak checks                      test/reliability/
 * `npm test` runs all three, as CI does.
 *
 * TypeScript runs through ts-jest, transpile-only (`npm run typecheck` type-checks). lowdb, jose and
 * steno are ESM-only, so they are transpiled to CommonJS for Jest's module system.
 */
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }] },
  transformIgnorePatterns: ['/node_modules/(?!(lowdb|steno|jose)/)'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/examples/.*/\\.gen/', '<rootDir>/examples/.*/cdktf.out/'],
};

module.exports = {
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.e2e\\.test\\.ts$', '<rootDir>/test/reliability/'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/globalSetup.js',
      setupFilesAfterEnv: ['<rootDir>/test/longTimeout.js'],
    },
    {
      ...base,
      displayName: 'reliability',
      testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
      globalSetup: '<rootDir>/test/globalSetup.js',
      setupFilesAfterEnv: ['<rootDir>/test/longTimeout.js'],
    },
  ],
};
