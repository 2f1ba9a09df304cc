/** Jest runs the TypeScript sources through ts-jest; end-to-end tests start the built server (dist/). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  testTimeout: 30000,
  maxWorkers: 2,
};
