/**
 * What the App Service deploy package holds: the built bot and CLI (dist/ without the
 * benchmarks), bin/, package.json, package-lock.json, and the production dependencies exactly as
 * package-lock.json lists them (no devDependencies), without their type declarations, source maps
 * and markdown, which nothing reads at run time (half the files). Read from the installed
 * node_modules, so making the package needs no second install; a package whose installed version
 * differs from the lockfile stops it ("run npm ci first").
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  link?: boolean;
}

interface Lockfile {
  lockfileVersion?: number;
  packages?: Record<string, LockEntry>;
}

/** Top-level files and folders of the project that go in as they are. */
export const PROJECT_ENTRIES = ['dist', 'bin', 'package.json', 'package-lock.json'] as const;

/** Parts of dist/ left out: the benchmark and evaluation scripts (and this one). */
export const DIST_EXCLUDED = ['dist/scripts'] as const;

/** Dependency files nothing loads at run time. */
const NOT_RUN = /\.(?:map|d\.ts|d\.mts|d\.cts|md|markdown)$/i;

export class PackageError extends Error {
  override name = 'PackageError';
}

/**
 * The node_modules folders (project-relative, e.g. `node_modules/@azure/cosmos`) of every
 * production package, each without its own nested node_modules (listed separately).
 * An optional package not installed on this platform is skipped, as npm itself would.
 */
export function productionPackages(root: string): string[] {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as Lockfile;
  if (!lock.packages || (lock.lockfileVersion ?? 0) < 2) throw new PackageError('package-lock.json has no "packages" section (lockfileVersion 2 or 3 needed): run npm install with npm 7 or later');
  const folders: string[] = [];
  for (const [folder, entry] of Object.entries(lock.packages)) {
    if (!folder.startsWith('node_modules/') || entry.dev || entry.link) continue;
    const manifest = path.join(root, folder, 'package.json');
    if (!existsSync(manifest)) {
      if (entry.optional || resolvesHigherUp(root, folder)) continue;
      throw new PackageError(`${folder} is in package-lock.json but not installed: run npm ci first`);
    }
    const installed = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
    if (entry.version && installed !== entry.version) {
      throw new PackageError(`${folder} is ${installed} but package-lock.json says ${entry.version}: run npm ci first`);
    }
    folders.push(folder);
  }
  return folders;
}

/**
 * A nested copy an install script removed on purpose still loads from a folder higher up, as Node
 * resolves it: botbuilder-dialogs' postinstall deletes its recognizers' nested
 * `@microsoft/recognizers-text-number` so they share the hoisted one.
 */
function resolvesHigherUp(root: string, folder: string): boolean {
  const parts = folder.split('node_modules/');
  const name = parts.pop() as string;
  for (let depth = parts.length - 1; depth >= 1; depth--) {
    const candidate = `${parts.slice(0, depth).join('node_modules/')}node_modules/${name}`;
    if (existsSync(path.join(root, candidate, 'package.json'))) return true;
  }
  return false;
}

/** Every file of the package, as project-relative paths with `/` (the names inside the zip). */
export function packageFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (folder: string, skip: (relative: string, isFolder: boolean) => boolean): void => {
    for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
      const relative = `${folder}/${entry.name}`;
      if (skip(relative, entry.isDirectory())) continue;
      if (entry.isDirectory()) walk(relative, skip);
      else if (entry.isFile()) files.push(relative);
    }
  };
  for (const entry of PROJECT_ENTRIES) {
    const stat = statSync(path.join(root, entry), { throwIfNoEntry: false });
    if (!stat) throw new PackageError(`${entry} is missing: run npm run build first`);
    if (stat.isDirectory()) walk(entry, (relative) => DIST_EXCLUDED.some((excluded) => relative === excluded));
    else files.push(entry);
  }
  for (const folder of productionPackages(root)) {
    // Nested node_modules are packages of their own (listed by productionPackages); .bin is npm's link farm.
    walk(folder, (relative, isFolder) => (isFolder ? relative === `${folder}/node_modules` || relative === `${folder}/.bin` : NOT_RUN.test(relative)));
  }
  return files;
}
