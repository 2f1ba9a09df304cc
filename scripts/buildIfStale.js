#!/usr/bin/env node
// `npm start`'s prestart: builds only when a source is newer than the last good build, so a restart
// takes a second instead of a full tsc run. Plain JavaScript: it runs before anything is compiled
// (a fresh clone has no dist/ yet). The sources are tsconfig.json's "include" folders plus the
// files that change the build (tsconfig.json, package.json, package-lock.json).
const { execSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = process.cwd();
const stamp = path.join(root, 'dist', '.built-at');

function newest(entry) {
  const stat = statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted or renamed file changes its folder
  for (const name of readdirSync(entry)) latest = Math.max(latest, newest(path.join(entry, name)));
  return latest;
}

const tsconfig = JSON.parse(readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
const folders = [...new Set((tsconfig.include ?? []).map((pattern) => pattern.split('/')[0]))];
const sources = [...folders, 'tsconfig.json', 'package.json', 'package-lock.json'].map((entry) => path.join(root, entry));
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...sources.map(newest));

if (built > changed) {
  process.stdout.write('dist/ is up to date with the sources: not rebuilding (npm run build forces it)\n');
} else {
  const started = new Date();
  try {
    execSync('npm run build', { stdio: 'inherit' });
  } catch (error) {
    process.exit(typeof error.status === 'number' ? error.status : 1); // tsc has said what is wrong
  }
  mkdirSync(path.dirname(stamp), { recursive: true });
  writeFileSync(stamp, `${started.toISOString()}\n`);
  // Dated when the build started: a source saved during the build still counts as newer.
  utimesSync(stamp, started, started);
}
