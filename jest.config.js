/** Jest runs the TypeScript sources through swc; end-to-end tests start the built server (dist/). */
const fs = require('node:fs');

// Test stores (and the bots' DATA_DIRs) live in temporary folders and fsync every write. On tmpfs
// that costs nothing; what the tests check (a process killed, a store restarted) the page cache
// survives either way. Only when /dev/shm has room (Docker gives it 64 MB) and TMPDIR is not chosen.
const SHM = '/dev/shm';
const shmHasRoom = (() => {
  try {
    const { bavail, bsize } = fs.statfsSync(SHM);
    return bavail * bsize > 2e9;
  } catch {
    return false;
  }
})();
if (!process.env.TMPDIR && shmHasRoom) process.env.TMPDIR = SHM;

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // swc only strips the types, as tsc emits them for tsconfig.json (CommonJS, ES2022 class fields);
  // pretest type-checks every file (tsconfig.test.json's isolatedModules keeps that equivalent).
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022', transform: { useDefineForClassFields: true } },
        module: { type: 'commonjs' },
      },
    ],
  },
  testTimeout: 30000,
  maxWorkers: 2,
};
