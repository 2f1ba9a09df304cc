/**
 * `npm run package` → app.zip, the App Service deploy package: prebuilt (dist/ plus production
 * dependencies), so App Service runs it as it is with the template's startup command
 * (`node --max-semi-space-size=128 dist/bot/index.js`) and no build on deploy (SCM_DO_BUILD_DURING_DEPLOYMENT=false).
 * What is in it: scripts/packageFiles.ts.
 *
 *   node dist/scripts/package.js [--output app.zip] [--store]
 *
 * --store writes the files uncompressed (a zip 3.5× larger, made in 2/3 and unpacked in 1/2 the time):
 * the same files, names and zip layout, for checks that unpack the package at once.
 */
import { createWriteStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { ZipFile } from 'yazl';
import { PackageError, packageFiles } from './packageFiles';

const ROOT = path.resolve(__dirname, '../..');

export interface PackageResult {
  file: string;
  bytes: number;
  files: number;
  milliseconds: number;
}

/** Files read at once: one by one, 29,000 small files leave the disk and the compressor idle. */
const READ_AT_ONCE = 16;

export interface PackageOptions {
  /** Uncompressed entries (see --store above); otherwise zlib's default level. */
  store?: boolean;
}

export async function makePackage(output: string, root = ROOT, options: PackageOptions = {}): Promise<PackageResult> {
  const started = Date.now();
  const files = packageFiles(root);
  const zip = new ZipFile();
  const written = new Promise<void>((resolve, reject) => {
    const out = createWriteStream(output);
    out.on('close', resolve);
    out.on('error', reject);
    zip.outputStream.on('error', reject);
    zip.outputStream.pipe(out);
  });
  // Level 6 is zlib's default: about 3.5× smaller than the files, at little more time than level 1.
  const compressionLevel = options.store ? 0 : 6;
  // Files are read a few at a time but added in list order, so the zip is the same from run to run.
  const read: ({ data: Buffer; mtime: Date; mode: number } | undefined)[] = [];
  let added = 0;
  let next = 0;
  const reader = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      const handle = await open(path.join(root, files[index]));
      try {
        const { mtime, mode } = await handle.stat();
        read[index] = { data: await handle.readFile(), mtime, mode };
      } finally {
        await handle.close();
      }
      for (let file = read[added]; file; file = read[added]) {
        zip.addBuffer(file.data, files[added], { compressionLevel, mtime: file.mtime, mode: file.mode });
        read[added++] = undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: READ_AT_ONCE }, reader));
  zip.end();
  await written;
  return { file: output, bytes: statSync(output).size, files: files.length, milliseconds: Date.now() - started };
}

async function main(): Promise<void> {
  const flag = process.argv.indexOf('--output');
  const output = path.resolve(flag >= 0 && process.argv[flag + 1] ? process.argv[flag + 1] : path.join(ROOT, 'app.zip'));
  try {
    const result = await makePackage(output, ROOT, { store: process.argv.includes('--store') });
    process.stdout.write(`${result.file}: ${(result.bytes / 1e6).toFixed(1)} MB, ${result.files} files, ${(result.milliseconds / 1000).toFixed(1)} s\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof PackageError ? error.message : (error as Error).stack}\n`);
    process.exit(1);
  }
}

if (require.main === module) void main();
