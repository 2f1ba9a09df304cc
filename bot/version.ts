/** The running version, from package.json (one level further up when running from dist/). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

function readVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(__dirname, relative), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pro-bot' && pkg.version) return pkg.version;
    } catch {
      // not at this level; try the next
    }
  }
  return 'unknown';
}

export const version = readVersion();
